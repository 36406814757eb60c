// The dual barrier's Hessian by FFTs on G×G (see barrier_hessian.h).
#include "regularizer/numeric/barrier_hessian.h"
#include "support/fftw_planner.h"

#include <fftw3.h>

#include <complex>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace convcert::regularizer {

namespace {

using Complex = std::complex<double>;

struct FftwFree {
    void operator()(Complex* p) const { fftw_free(p); }
};
using Buffer = std::unique_ptr<Complex[], FftwFree>;

Buffer buffer_zero(long size) {
    auto* p = reinterpret_cast<Complex*>(fftw_alloc_complex(static_cast<std::size_t>(size)));
    if (p == nullptr) throw std::bad_alloc();
    std::fill(p, p + size, Complex(0.0, 0.0));
    return Buffer(p);
}

/// The in-place 4-D DFT over G×G of a D×D array (row a, column b at a·D + b), forward
/// (sign -1) or backward (+1, unnormalized).
class GridSquareFft {
  public:
    GridSquareFft(const Grid& g, Complex* work, int sign) {
        const int n[4] = {static_cast<int>(g.D1), static_cast<int>(g.D2), static_cast<int>(g.D1),
                          static_cast<int>(g.D2)};
        auto* w = reinterpret_cast<fftw_complex*>(work);
        const std::lock_guard<std::mutex> lock(support::fftw_planner_mutex);
        plan_ = fftw_plan_dft(4, n, w, w, sign, FFTW_ESTIMATE);
        if (plan_ == nullptr) throw std::runtime_error("FFTW could not create a plan");
    }
    ~GridSquareFft() {
        const std::lock_guard<std::mutex> lock(support::fftw_planner_mutex);
        fftw_destroy_plan(plan_);
    }
    GridSquareFft(const GridSquareFft&) = delete;
    GridSquareFft& operator=(const GridSquareFft&) = delete;
    /// Transforms data in place (an fftw_alloc'd array of D² entries).
    void run(Complex* data) const {
        auto* d = reinterpret_cast<fftw_complex*>(data);
        fftw_execute_dft(plan_, d, d);
    }

  private:
    fftw_plan plan_ = nullptr;
};

/// The D×D array with row grid_offset(k) equal to Q's row (r, k), transformed.
Buffer embed_rows(const Eigen::MatrixXd& Q, long r, long K, long D, const Grid& g,
                  const GridSquareFft& fft) {
    Buffer e = buffer_zero(D * D);
    for (long k = 0; k < K; ++k) {
        Complex* row = e.get() + grid_offset(g, k) * D;
        for (long i = 0; i < D; ++i)
            row[i] = Q(r * K + k, i);
    }
    fft.run(e.get());
    return e;
}

/// The D×D array with P[(r,k),(r',k')] at (grid_offset(k), grid_offset(k')), transformed.
void embed_block(Complex* out, const Eigen::MatrixXd& P, long r, long rp, long K, long D,
                 const Grid& g, const GridSquareFft& fft) {
    std::fill(out, out + D * D, Complex(0.0, 0.0));
    for (long k = 0; k < K; ++k)
        for (long kp = 0; kp < K; ++kp)
            out[grid_offset(g, k) * D + grid_offset(g, kp)] = P(r * K + k, rp * K + kp);
    fft.run(out);
}

} // namespace

Eigen::MatrixXd regularizer_barrier_hessian(const Eigen::MatrixXd& P, const Eigen::MatrixXd& Q,
                                            const Eigen::MatrixXd& A, long R, const Grid& g) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g), n = R * K;
    if (R < 1 || P.rows() != n || P.cols() != n || Q.rows() != n || Q.cols() != D ||
        A.rows() != D || A.cols() != D)
        throw std::invalid_argument("regularizer_barrier_hessian: shapes disagree with R and g");
    const long DD = D * D;
    Buffer work = buffer_zero(DD);
    const GridSquareFft forward(g, work.get(), FFTW_FORWARD),
        backward(g, work.get(), FFTW_BACKWARD);
    Buffer a_hat = buffer_zero(DD);
    for (long a = 0; a < D; ++a)
        for (long b = 0; b < D; ++b)
            a_hat[a * D + b] = A(a, b);
    forward.run(a_hat.get());
    std::vector<Buffer> e_hat;
    for (long r = 0; r < R; ++r)
        e_hat.push_back(embed_rows(Q, r, K, D, g, forward));
    Eigen::MatrixXd H(R * D, R * D);
    const double scale = 2.0 / static_cast<double>(DD);
    for (long r = 0; r < R; ++r)
        for (long rp = r; rp < R; ++rp) {
            Complex* h = work.get();
            embed_block(h, P, r, rp, K, D, g, forward);
            const Complex *er = e_hat[r].get(), *erp = e_hat[rp].get();
            for (long a = 0; a < D; ++a)
                for (long b = 0; b < D; ++b)
                    h[a * D + b] = h[a * D + b] * a_hat[a * D + b] + er[a * D + b] * erp[b * D + a];
            backward.run(h);
            for (long a = 0; a < D; ++a)
                for (long b = 0; b < D; ++b) {
                    const double v = scale * h[a * D + b].real();
                    H(r * D + a, rp * D + b) = v;
                    H(rp * D + b, r * D + a) = v;
                }
        }
    return H;
}

} // namespace convcert::regularizer
