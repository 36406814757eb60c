// Exact two-layer linear CNNs for the checker (see network.h): parsing, the realized predictor
// by integer circular convolution over one common denominator, and the cost.
#include "certify/checker/network.h"

#include "certify/checker/claim.h"

namespace convcert::checker {

namespace {

/// "[a, b]", for messages.
std::string pair_string(const std::vector<long>& s) {
    return "[" + std::to_string(s[0]) + ", " + std::to_string(s[1]) + "]";
}

/// Rejects unless `s` (the claim's field `what`) has two entries, s[i] in [1, bound[i]] (the
/// bound called name[i] in the message).
void shape_check(const std::vector<long>& s, const std::string& what,
                 const std::vector<long>& bound, const std::vector<std::string>& name) {
    if (s.size() != 2)
        reject("claim: " + what + " has " + std::to_string(s.size()) + " entries, expected 2");
    for (std::size_t i = 0; i < 2; ++i)
        if (s[i] < 1 || s[i] > bound[i])
            reject("claim: " + what + "[" + std::to_string(i) + "] = " + std::to_string(s[i]) +
                   " is outside [1, " + name[i] + "]");
}

/// The 2-D grid of "shape" and "kernel_shape", consistent with D and K. Precondition:
/// 1 <= D <= kMaxSignalLength.
Grid grid_2d_check(long D, long K, const std::vector<long>& shape,
                   const std::vector<long>& kernel_shape) {
    shape_check(shape, "shape", {D, D}, {"D", "D"});
    if (shape[0] * shape[1] != D)
        reject("claim: D = " + std::to_string(D) + " but shape = " + pair_string(shape) + " has " +
               std::to_string(shape[0] * shape[1]) + " entries");
    shape_check(kernel_shape, "kernel_shape", shape, {"D1", "D2"});
    if (kernel_shape[0] * kernel_shape[1] != K)
        reject("claim: K = " + std::to_string(K) +
               " but kernel_shape = " + pair_string(kernel_shape) + " has " +
               std::to_string(kernel_shape[0] * kernel_shape[1]) + " entries");
    return grid_2d(shape[0], shape[1], kernel_shape[0], kernel_shape[1]);
}

} // namespace

Grid network_grid(long D, long K, long R, const std::vector<long>& shape,
                  const std::vector<long>& kernel_shape) {
    limit_check_range(D, 1, kMaxSignalLength, "claim: D");
    if (K < 1 || K > D) reject("claim: K = " + std::to_string(K) + " is outside [1, D]");
    if (shape.empty() != kernel_shape.empty())
        reject(std::string("claim: ") + (shape.empty() ? "kernel_shape" : "shape") + " without " +
               (shape.empty() ? "shape" : "kernel_shape") +
               " (a 2-D claim has both, a 1-D claim neither)");
    const Grid grid = shape.empty() ? grid_1d(D, K) : grid_2d_check(D, K, shape, kernel_shape);
    limit_check_range(R, 1, kMaxInputChannels, "claim: R");
    if (R * K > kMaxKernelBlock)
        undecided("claim: R*K = " + std::to_string(R * K) + " exceeds the limit " +
                  std::to_string(kMaxKernelBlock));
    return grid;
}

RatRows rows_parse(const std::vector<std::vector<std::string>>& rows, std::size_t R,
                   std::size_t count, const std::string& what) {
    if (rows.size() != R)
        reject(what + " has " + std::to_string(rows.size()) +
               " rows, expected R = " + std::to_string(R));
    RatRows out;
    for (std::size_t r = 0; r < R; ++r)
        out.push_back(rational_vector_parse(rows[r], count,
                                            R == 1 ? what : what + "[" + std::to_string(r) + "]"));
    return out;
}

ExactNetwork network_parse(const std::vector<std::vector<std::vector<std::string>>>& u,
                           const std::vector<std::vector<std::string>>& v, const Grid& grid,
                           std::size_t R, const std::string& name, const std::string& prefix) {
    if (u.empty()) reject(name + ": no channels (u is empty)");
    if (u.size() > kMaxChannels)
        undecided(name + ": " + std::to_string(u.size()) +
                  " channels exceed the limit of 4096 channels");
    if (v.size() != u.size())
        reject(name + ": " + std::to_string(u.size()) + " kernels u but " +
               std::to_string(v.size()) + " vectors v");
    ExactNetwork net;
    net.grid = grid;
    net.D = static_cast<std::size_t>(grid_signal_size(grid));
    net.K = static_cast<std::size_t>(grid_kernel_size(grid));
    net.R = R;
    for (std::size_t c = 0; c < u.size(); ++c) {
        const std::string cs = "[" + std::to_string(c) + "]";
        net.u.push_back(rows_parse(u[c], R, net.K, prefix + "u" + cs));
        net.v.push_back(rational_vector_parse_shared_denominator(v[c], net.D, prefix + "v" + cs));
    }
    return net;
}

IntRows rows_clear_denominators(const std::vector<const std::vector<Rat>*>& rows) {
    std::vector<Rat> all;
    for (const auto* row : rows)
        all.insert(all.end(), row->begin(), row->end());
    IntVector flat = rational_vector_clear_denominators(all);
    IntRows out{{}, flat.den};
    std::size_t at = 0;
    for (const auto* row : rows) {
        out.num.emplace_back(flat.num.begin() + at, flat.num.begin() + at + row->size());
        at += row->size();
    }
    return out;
}

std::vector<const std::vector<Rat>*> row_pointers(const RatRows& rows) {
    std::vector<const std::vector<Rat>*> out;
    for (const auto& row : rows)
        out.push_back(&row);
    return out;
}

void network_check_realizes(const ExactNetwork& net, const RatRows& w, const std::string& name) {
    // With u = U / den_u and v_c = V_c / den_c, over den_v = lcm_c den_c (no gcd when the
    // channels share it): sum_c u_c * v_c = (sum_c U_c * V_c (den_v / den_c)) / (den_u den_v).
    std::vector<const std::vector<Rat>*> u_rows;
    for (const auto& kernel : net.u)
        for (const auto& row : kernel)
            u_rows.push_back(&row);
    const IntRows U = rows_clear_denominators(u_rows);
    Int den_v = 1;
    for (const auto& v : net.v)
        den_v = int_lcm_bounded(den_v, v.den, name + ": v");
    const Int den = U.den * den_v;
    // Up front: C·R·K·D multiply-adds of u_k (den_v / den_c) by v_c's entries.
    double work = 0;
    for (std::size_t c = 0; c < net.u.size(); ++c) {
        double lu = 1, lv = 1;
        for (std::size_t r = 0; r < net.R; ++r)
            for (const Int& x : U.num[c * net.R + r])
                lu = std::max(lu, int_limbs(x));
        for (const Int& x : net.v[c].num)
            lv = std::max(lv, int_limbs(x));
        lu += int_limbs(den_v) - int_limbs(net.v[c].den) + 1;
        work += static_cast<double>(net.R * net.K * net.D) * cost_mul_ns(lu, lv);
    }
    work_charge(work, name + "'s realization (C*R*K*D products)");
    for (std::size_t r = 0; r < net.R; ++r) {
        std::vector<Int> sum(net.D);
        for (std::size_t c = 0; c < net.u.size(); ++c) {
            const std::vector<Int>& u = U.num[c * net.R + r];
            const Int scale = den_v / net.v[c].den;
            for (long k = 0; k < grid_kernel_size(net.grid); ++k)
                if (u[static_cast<std::size_t>(k)] != 0) {
                    const Int uk = u[static_cast<std::size_t>(k)] * scale;
                    for (long i = 0; i < grid_signal_size(net.grid); ++i)
                        sum[static_cast<std::size_t>(grid_shift(net.grid, i, k))] +=
                            uk * net.v[c].num[static_cast<std::size_t>(i)];
                }
        }
        for (std::size_t j = 0; j < net.D; ++j) {
            const Rat& target = w[r][j];
            if (sum[j] * denominator(target) == numerator(target) * den) continue;
            const std::string at = net.R == 1
                                       ? "[" + std::to_string(j) + "]"
                                       : "[" + std::to_string(r) + "][" + std::to_string(j) + "]";
            reject(name + " does not realize w: sum_c u_c * v_c at " + at + " is " +
                   rational_to_string_short(Rat(sum[j], den)) + " but w" + at + " is " +
                   rational_to_string_short(target));
        }
    }
}

Rat network_cost(const ExactNetwork& net) {
    auto squares_over = [](const std::vector<Int>& num, const Int& den) {
        Int squares = 0;
        for (const Int& n : num)
            squares += n * n;
        return Rat(squares, den * den);
    };
    double work = 0;
    for (const auto& v : net.v) {
        double limbs = int_limbs(v.den);
        for (const Int& x : v.num)
            limbs = std::max(limbs, int_limbs(x));
        work += static_cast<double>(net.D + net.R * net.K) * cost_mul_ns(limbs, limbs) +
                (net.R + 1) * 4 * cost_gcd_ns(2 * limbs);
    }
    work_charge(work, "the network's cost");
    Rat cost = 0;
    for (std::size_t c = 0; c < net.u.size(); ++c) {
        for (const auto& row : net.u[c]) {
            const IntVector x = rational_vector_clear_denominators(row);
            cost += squares_over(x.num, x.den);
        }
        cost += squares_over(net.v[c].num, net.v[c].den);
    }
    return cost;
}

} // namespace convcert::checker
