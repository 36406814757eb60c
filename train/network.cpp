// FFT forward/backward of the linear CNN (see network.h). One code path for 1-D and 2-D: the
// plans are FFTW's 2-D real transforms of shape D1×D2 (D1 = 1 in 1-D), whose half spectrum has
// D1·(D2/2 + 1) entries; kernels are scattered to their signal positions by grid_offset.
#include "train/network.h"
#include "support/fftw_planner.h"

#include <fftw3.h>

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
    Grid g;
    long R, D, K, C, H; // H = D1·(D2/2 + 1) complex outputs
    double* real = nullptr;
    fftw_complex* spec = nullptr;
    fftw_plan fwd = nullptr, inv = nullptr;
    std::vector<std::complex<double>> uh, vh, gh, acc; // spectra

    Impl(long R_, const Grid& g_, long C_)
        : g(g_), R(R_), D(grid_signal_size(g_)), K(grid_kernel_size(g_)), C(C_),
          H(g_.D1 * (g_.D2 / 2 + 1)) {
        real = static_cast<double*>(fftw_malloc(sizeof(double) * static_cast<std::size_t>(D)));
        spec = static_cast<fftw_complex*>(
            fftw_malloc(sizeof(fftw_complex) * static_cast<std::size_t>(H)));
        if (!real || !spec) throw std::bad_alloc();
        const int n0 = static_cast<int>(g.D1), n1 = static_cast<int>(g.D2);
        const std::lock_guard<std::mutex> lock(support::fftw_planner_mutex);
        fwd = fftw_plan_dft_r2c_2d(n0, n1, real, spec, FFTW_ESTIMATE);
        inv = fftw_plan_dft_c2r_2d(n0, n1, spec, real, FFTW_ESTIMATE);
        if (!fwd || !inv) throw std::runtime_error("FFTW could not create a plan");
    }
    ~Impl() {
        const std::lock_guard<std::mutex> lock(support::fftw_planner_mutex);
        if (fwd) fftw_destroy_plan(fwd);
        if (inv) fftw_destroy_plan(inv);
        fftw_free(real);
        fftw_free(spec);
    }
    void spectrum_out(std::complex<double>* out) {
        fftw_execute(fwd);
        for (long b = 0; b < H; ++b)
            out[b] = {spec[b][0], spec[b][1]};
    }
    // Spectrum of the signal x (D entries) into out[0..H).
    void transform_signal(const double* x, std::complex<double>* out) {
        for (long j = 0; j < D; ++j)
            real[j] = x[j];
        spectrum_out(out);
    }
    // Spectrum of the kernel x (K entries, zero-padded to the grid) into out[0..H).
    void transform_kernel(const double* x, std::complex<double>* out) {
        std::fill(real, real + D, 0.0);
        for (long k = 0; k < K; ++k)
            real[grid_offset(g, k)] = x[k];
        spectrum_out(out);
    }
    // Inverse (c2r / D) of in[0..H) into real[0..D).
    void inverse(const std::complex<double>* in) {
        for (long b = 0; b < H; ++b) {
            spec[b][0] = in[b].real();
            spec[b][1] = in[b].imag();
        }
        fftw_execute(inv); // c2r overwrites spec, which is refilled before every use
    }
    // The inverse as a signal: out[j] = real[j] / D.
    void inverse_signal(const std::complex<double>* in, double* out) {
        inverse(in);
        for (long j = 0; j < D; ++j)
            out[j] = real[j] / static_cast<double>(D);
    }
    // The inverse at the kernel positions: out[k] = real[grid_offset(k)] / D.
    void inverse_kernel(const std::complex<double>* in, double* out) {
        inverse(in);
        for (long k = 0; k < K; ++k)
            out[k] = real[grid_offset(g, k)] / static_cast<double>(D);
    }
    void spectra(const CnnParams& p) {
        if (p.R != R || p.D != D || p.K != K || p.C != C)
            throw std::invalid_argument("CnnFft: parameters of another shape");
        uh.resize(static_cast<std::size_t>(C * R * H));
        vh.resize(static_cast<std::size_t>(C * H));
        for (long c = 0; c < C; ++c) {
            for (long r = 0; r < R; ++r)
                transform_kernel(p.u.data() + (c * R + r) * K, uh.data() + (c * R + r) * H);
            transform_signal(p.v.data() + c * D, vh.data() + c * H);
        }
    }
};

CnnFft::CnnFft(long R, const Grid& g, long C) {
    if (R < 1 || C < 1 || g.K1 < 1 || g.K2 < 1 || g.K1 > g.D1 || g.K2 > g.D2)
        throw std::invalid_argument("CnnFft: bad shape");
    impl_ = std::make_unique<Impl>(R, g, C);
}

CnnFft::CnnFft(long R, long D, long K, long C) : CnnFft(R, grid_1d(D, K), C) {}

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
        m.inverse_signal(m.acc.data(), W.data() + r * m.D);
    }
}

void CnnFft::backward(const CnnParams& p, const std::vector<double>& G, std::vector<double>& du,
                      std::vector<double>& dv) {
    Impl& m = *impl_;
    m.spectra(p);
    m.gh.resize(static_cast<std::size_t>(m.R * m.H));
    for (long r = 0; r < m.R; ++r)
        m.transform_signal(G.data() + r * m.D, m.gh.data() + r * m.H);
    du.assign(static_cast<std::size_t>(m.C * m.R * m.K), 0.0);
    dv.assign(static_cast<std::size_t>(m.C * m.D), 0.0);
    m.acc.resize(static_cast<std::size_t>(m.H));
    for (long c = 0; c < m.C; ++c) {
        // dv_c = sum_r corr(G_r, u_c[r]): spectrum sum_r conj(û) Ĝ.
        std::fill(m.acc.begin(), m.acc.end(), std::complex<double>(0, 0));
        for (long r = 0; r < m.R; ++r)
            for (long b = 0; b < m.H; ++b)
                m.acc[b] += std::conj(m.uh[(c * m.R + r) * m.H + b]) * m.gh[r * m.H + b];
        m.inverse_signal(m.acc.data(), dv.data() + c * m.D);
        // du_c[r] = corr(G_r, v_c) at the kernel's lags.
        for (long r = 0; r < m.R; ++r) {
            for (long b = 0; b < m.H; ++b)
                m.acc[b] = std::conj(m.vh[c * m.H + b]) * m.gh[r * m.H + b];
            m.inverse_kernel(m.acc.data(), du.data() + (c * m.R + r) * m.K);
        }
    }
}

} // namespace convcert::train
