// The 2-D Fourier-ℓ1 max-margin dual for CSDP (see fourier_l1_csdp.h).
#include "bench/peers/fourier_l1_csdp.h"

#include "bench/peers/csdp_run.h"
#include "regularizer/sdp/sdpa_format.h"

#include <cmath>
#include <complex>
#include <fstream>
#include <stdexcept>

namespace convcert::peers {

namespace {

using Spectrum = std::vector<std::complex<double>>;

/// out[o + s·d] = sum_j in[o + s·j] exp(-2πi jd/n) for d < n, the angle reduced exactly (j·d
/// mod n) before the cosine: one 1-D DFT along a row (s = 1) or a column (s = D2).
void fourier_strided(const Spectrum& in, Spectrum& out, long o, long s, long n) {
    const double pi = std::acos(-1.0);
    for (long d = 0; d < n; ++d) {
        std::complex<double> sum = 0;
        for (long j = 0; j < n; ++j)
            sum +=
                in[static_cast<std::size_t>(o + s * j)] *
                std::polar(1.0, -2 * pi * static_cast<double>(j * d % n) / static_cast<double>(n));
        out[static_cast<std::size_t>(o + s * d)] = sum;
    }
}

/// ŵ(d1, d2) = sum w[j1, j2] exp(-2πi (j1 d1/D1 + j2 d2/D2)): 1-D DFTs along rows, then columns.
Spectrum fourier_2d(const std::vector<double>& w, long D1, long D2) {
    const Spectrum in(w.begin(), w.end());
    Spectrum rows(in.size()), out(in.size());
    for (long j1 = 0; j1 < D1; ++j1)
        fourier_strided(in, rows, j1 * D2, 1, D2);
    for (long d2 = 0; d2 < D2; ++d2)
        fourier_strided(rows, out, d2, D2, D1);
    return out;
}

/// The flat index of -d on the grid.
long conjugate_index(long d, long D1, long D2) {
    const long d1 = d / D2, d2 = d % D2;
    return ((D1 - d1) % D1) * D2 + (D2 - d2) % D2;
}

void add(regularizer::RegularizerSdpData& s, int matrix, int block, int row, int col, double v) {
    if (v != 0) s.entries.push_back({matrix, block, row, col, v});
}

} // namespace

regularizer::RegularizerSdpData peers_fourier_l1_sdp_data(const std::vector<std::vector<double>>& a,
                                                          long D1, long D2) {
    if (D1 < 1 || D2 < 1 || a.empty())
        throw std::invalid_argument("peers_fourier_l1_sdp_data: empty grid or no samples");
    const long D = D1 * D2, n = static_cast<long>(a.size());
    std::vector<Spectrum> hat;
    for (const auto& row : a) {
        if (static_cast<long>(row.size()) != D)
            throw std::invalid_argument("peers_fourier_l1_sdp_data: a row is not D1·D2 long");
        hat.push_back(fourier_2d(row, D1, D2));
    }
    regularizer::RegularizerSdpData s;
    s.D = D;
    s.K = D;
    s.comments = {"max-margin at K = D: max sum alpha s.t. alpha >= 0, |lambda^(d)| <= 2, "
                  "lambda = sum alpha_i y_i x_i; value = -optimum"};
    s.c.assign(static_cast<std::size_t>(n), -1.0);
    s.block_sizes.push_back(static_cast<int>(n));
    for (long i = 0; i < n; ++i)
        add(s, static_cast<int>(i + 1), 1, static_cast<int>(i + 1), static_cast<int>(i + 1), 1);
    for (long d = 0; d < D; ++d) {
        const long conj = conjugate_index(d, D1, D2);
        if (conj < d) continue;
        const bool real = conj == d;
        const int block = static_cast<int>(s.block_sizes.size()) + 1;
        s.block_sizes.push_back(real ? 2 : 3);
        for (int k = 1; k <= s.block_sizes.back(); ++k)
            add(s, 0, block, k, k, -2);
        for (long i = 0; i < n; ++i) {
            const auto z = hat[static_cast<std::size_t>(i)][static_cast<std::size_t>(d)];
            add(s, static_cast<int>(i + 1), block, 1, 2, z.real());
            if (!real) add(s, static_cast<int>(i + 1), block, 1, 3, z.imag());
        }
    }
    return s;
}

/// CSDP's parameter file (all 16 in CSDP 6.2's order): tolerances 1e-10 instead of 1e-8 and no
/// objective perturbation. With the defaults, the paper's 128 images at K = 28×28 (value 0.0748,
/// well below CSDP's 1 + |objective| scale) ended with its dual objective above its primal by
/// 2.8e-6 relative (dual infeasibility 4e-7), outside the certified bracket.
void write_csdp_params(const std::string& workdir) {
    std::ofstream file(workdir + "/param.csdp");
    file << "axtol=1.0e-10\natytol=1.0e-10\nobjtol=1.0e-10\npinftol=1.0e8\ndinftol=1.0e8\n"
            "maxiter=200\nminstepfrac=0.90\nmaxstepfrac=0.97\nminstepp=1.0e-8\n"
            "minstepd=1.0e-8\nusexzgap=1\ntweakgap=0\naffine=0\nprintlevel=1\nperturbobj=0\n"
            "fastmode=0\n";
    if (!file.good()) throw std::runtime_error("peers_fourier_l1_csdp: cannot write param.csdp");
}

PeersFourierL1Result peers_fourier_l1_csdp(const std::vector<std::vector<double>>& a, long D1,
                                           long D2, const std::string& workdir,
                                           double timeout_seconds) {
    const std::string path = workdir + "/fourier_l1.dat-s";
    {
        std::ofstream file(path);
        regularizer::regularizer_sdpa_write(file, peers_fourier_l1_sdp_data(a, D1, D2));
        if (!file.good()) throw std::runtime_error("peers_fourier_l1_csdp: cannot write " + path);
    }
    write_csdp_params(workdir);
    const auto run = regularizer::regularizer_csdp_run(path, workdir, timeout_seconds, 1);
    PeersFourierL1Result r;
    r.solved = run.ran && run.exit_code == 0 && run.parsed;
    r.lower = -run.dual_objective;
    r.upper = -run.primal_objective;
    r.seconds = run.seconds;
    r.output = run.output;
    return r;
}

} // namespace convcert::peers
