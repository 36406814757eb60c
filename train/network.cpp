// FFT forward/backward of the linear CNN (see network.h).
#include "train/network.h"

#include <fftw3.h>

#include <cstring>
#include <stdexcept>

namespace convcert::train {

double CnnParams::norm2() const {
    double s = 0;
    for (double a : u)
        s += a * a;
    for (double a : v)
        s += a * a;
    return s;
}

struct CnnFft::Impl {
    long R, D, K, C, H; // H = D/2 + 1 complex outputs
    double* real = nullptr;
    fftw_complex* spec = nullptr;
    fftw_plan fwd = nullptr, inv = nullptr;
    std::vector<std::complex<double>> uh, vh, gh, acc; // spectra

    Impl(long R_, long D_, long K_, long C_) : R(R_), D(D_), K(K_), C(C_), H(D_ / 2 + 1) {
        real = static_cast<double*>(fftw_malloc(sizeof(double) * static_cast<std::size_t>(D)));
        spec = static_cast<fftw_complex*>(
            fftw_malloc(sizeof(fftw_complex) * static_cast<std::size_t>(H)));
        if (!real || !spec) throw std::bad_alloc();
        fwd = fftw_plan_dft_r2c_1d(static_cast<int>(D), real, spec, FFTW_ESTIMATE);
        inv = fftw_plan_dft_c2r_1d(static_cast<int>(D), spec, real, FFTW_ESTIMATE);
        if (!fwd || !inv) throw std::runtime_error("FFTW could not create a plan");
    }
    ~Impl() {
        if (fwd) fftw_destroy_plan(fwd);
        if (inv) fftw_destroy_plan(inv);
        fftw_free(real);
        fftw_free(spec);
    }
    // Spectrum of x (length n <= D, zero-padded) into out[0..H).
    void transform(const double* x, long n, std::complex<double>* out) {
        for (long j = 0; j < D; ++j)
            real[j] = j < n ? x[j] : 0.0;
        fftw_execute(fwd);
        for (long b = 0; b < H; ++b)
            out[b] = {spec[b][0], spec[b][1]};
    }
    // Inverse (c2r / D) of in[0..H) into out[0..n).
    void inverse(const std::complex<double>* in, double* out, long n) {
        for (long b = 0; b < H; ++b) {
            spec[b][0] = in[b].real();
            spec[b][1] = in[b].imag();
        }
        fftw_execute(inv);
        for (long j = 0; j < n; ++j)
            out[j] = real[j] / static_cast<double>(D);
    }
    void spectra(const CnnParams& p) {
        uh.resize(static_cast<std::size_t>(C * R * H));
        vh.resize(static_cast<std::size_t>(C * H));
        for (long c = 0; c < C; ++c) {
            for (long r = 0; r < R; ++r)
                transform(p.u.data() + (c * R + r) * K, K, uh.data() + (c * R + r) * H);
            transform(p.v.data() + c * D, D, vh.data() + c * H);
        }
    }
};

CnnFft::CnnFft(long R, long D, long K, long C) {
    if (R < 1 || C < 1 || K < 1 || K > D) throw std::invalid_argument("CnnFft: bad shape");
    impl_ = std::make_unique<Impl>(R, D, K, C);
}

CnnFft::~CnnFft() = default;

void CnnFft::predictor(const CnnParams& p, std::vector<double>& W) {
    Impl& m = *impl_;
    m.spectra(p);
    W.assign(static_cast<std::size_t>(m.R * m.D), 0.0);
    m.acc.assign(static_cast<std::size_t>(m.H), {0, 0});
    for (long r = 0; r < m.R; ++r) {
        std::fill(m.acc.begin(), m.acc.end(), std::complex<double>(0, 0));
        for (long c = 0; c < m.C; ++c)
            for (long b = 0; b < m.H; ++b)
                m.acc[b] += m.uh[(c * m.R + r) * m.H + b] * m.vh[c * m.H + b];
        m.inverse(m.acc.data(), W.data() + r * m.D, m.D);
    }
}

void CnnFft::backward(const CnnParams& p, const std::vector<double>& G, std::vector<double>& du,
                      std::vector<double>& dv) {
    Impl& m = *impl_;
    m.spectra(p);
    m.gh.resize(static_cast<std::size_t>(m.R * m.H));
    for (long r = 0; r < m.R; ++r)
        m.transform(G.data() + r * m.D, m.D, m.gh.data() + r * m.H);
    du.assign(static_cast<std::size_t>(m.C * m.R * m.K), 0.0);
    dv.assign(static_cast<std::size_t>(m.C * m.D), 0.0);
    m.acc.resize(static_cast<std::size_t>(m.H));
    for (long c = 0; c < m.C; ++c) {
        // dv_c = sum_r corr(G_r, u_c[r]): spectrum sum_r conj(û) Ĝ.
        std::fill(m.acc.begin(), m.acc.end(), std::complex<double>(0, 0));
        for (long r = 0; r < m.R; ++r)
            for (long b = 0; b < m.H; ++b)
                m.acc[b] += std::conj(m.uh[(c * m.R + r) * m.H + b]) * m.gh[r * m.H + b];
        m.inverse(m.acc.data(), dv.data() + c * m.D, m.D);
        // du_c[r] = corr(G_r, v_c) restricted to lags < K.
        for (long r = 0; r < m.R; ++r) {
            for (long b = 0; b < m.H; ++b)
                m.acc[b] = std::conj(m.vh[c * m.H + b]) * m.gh[r * m.H + b];
            m.inverse(m.acc.data(), du.data() + (c * m.R + r) * m.K, m.K);
        }
    }
}

} // namespace convcert::train
