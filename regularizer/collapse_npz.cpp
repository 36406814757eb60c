// Networks from .npz arrays (see collapse_npz.h): the arrays become the JSON network (exact
// rationals of their doubles), read by the one network reader; and networks back to .npz.
#include "regularizer/collapse_npz.h"

#include "regularizer/input/regularizer_input.h"
#include "support/flint_raii.h"
#include "support/npz_write.h"
#include "support/rational_convert.h"

#include <flint/fmpq.h>
#include <mpfr.h>
#include <nlohmann/json.hpp>

namespace convcert::regularizer {

namespace {

std::string shape_text(const std::vector<long>& s) {
    std::string out = "(";
    for (std::size_t i = 0; i < s.size(); ++i)
        out += (i ? ", " : "") + std::to_string(s[i]);
    return out + (s.size() == 1 ? ",)" : ")");
}

/// Values [begin, begin + n) as a JSON list of exact rationals.
nlohmann::json values_of(const support::NpyArray& a, std::size_t begin, std::size_t n) {
    nlohmann::json row = nlohmann::json::array();
    for (std::size_t i = begin; i < begin + n; ++i)
        row.push_back(support::rational_from_double(a.values[i]));
    return row;
}

const support::NpyArray& member(const std::map<std::string, support::NpyArray>& arrays,
                                const char* name) {
    const auto it = arrays.find(name);
    if (it == arrays.end())
        throw support::InputError(std::string("no array \"") + name + "\" in the .npz file");
    return it->second;
}

/// Sizes within the network reader's limits before any value is converted.
void sizes_check(long C, long R, long K, long D) {
    if (C > kMaxNetworkChannels)
        throw support::InputError("more than " + std::to_string(kMaxNetworkChannels) + " channels");
    if (D > kMaxSignalLength)
        throw support::InputError("D = " + std::to_string(D) + " exceeds the limit " +
                                  std::to_string(kMaxSignalLength));
    if (R > kMaxInputChannels || R * K > kMaxNetworkKernelBlock)
        throw support::InputError("R*K = " + std::to_string(R * K) + " exceeds the limit " +
                                  std::to_string(kMaxNetworkKernelBlock));
}

/// x rounded to the nearest double; counts an inexact rounding.
double double_nearest(const fmpq_t x, long& rounded) {
    mpq_t q;
    mpq_init(q);
    fmpq_get_mpq(q, x);
    mpfr_t f;
    mpfr_init2(f, 53);
    rounded += mpfr_set_q(f, q, MPFR_RNDN) != 0;
    const double d = mpfr_get_d(f, MPFR_RNDN);
    mpfr_clear(f);
    mpq_clear(q);
    return d;
}

} // namespace

std::string collapse_network_npz(const RegularizerNetwork& net, const Grid& g, long R,
                                 long& rounded) {
    rounded = 0;
    const long C = static_cast<long>(net.u.size());
    support::NpzArrayOut u{"u", {C, R, g.K2}, {}}, v{"v", {C, g.D2}, {}};
    if (g.dims == 2) {
        u.shape = {C, R, g.K1, g.K2};
        v.shape = {C, g.D1, g.D2};
    }
    for (const auto& k : net.u)
        for (slong r = 0; r < k.rows(); ++r)
            for (slong j = 0; j < k.cols(); ++j)
                u.values.push_back(double_nearest(k.at(r, j), rounded));
    support::Fmpq x;
    for (slong c = 0; c < net.v.rows(); ++c)
        for (slong j = 0; j < net.v.cols(); ++j) {
            fmpq_div_fmpz(x.x, net.v.at(c, j), net.v_den.x);
            v.values.push_back(double_nearest(x.x, rounded));
        }
    return support::npz_bytes({u, v});
}

NetworkInstance network_instance_from_npz(const std::map<std::string, support::NpyArray>& arrays) {
    const support::NpyArray &u = member(arrays, "u"), &v = member(arrays, "v");
    const std::vector<long>&us = u.shape, &vs = v.shape;
    const bool one_d = us.size() == 3 && vs.size() == 2;
    const bool two_d = (us.size() == 3 || us.size() == 4) && vs.size() == 3;
    if (!one_d && !two_d)
        throw support::InputError("u has shape " + shape_text(us) + " and v " + shape_text(vs) +
                                  ": expected u (C, R, K) with v (C, D), or u (C, R, K1, K2) or "
                                  "(C, K1, K2) with v (C, D1, D2)");
    for (long d : us)
        if (d < 1) throw support::InputError("u has a zero dimension " + shape_text(us));
    for (long d : vs)
        if (d < 1) throw support::InputError("v has a zero dimension " + shape_text(vs));
    if (us[0] != vs[0])
        throw support::InputError("u has " + std::to_string(us[0]) + " kernels but v has " +
                                  std::to_string(vs[0]) + " vectors");
    const long C = us[0], R = us.size() == 4 || one_d ? us[1] : 1;
    const long K = one_d ? us[2] : us[us.size() - 2] * us[us.size() - 1];
    const long D = one_d ? vs[1] : vs[1] * vs[2];
    sizes_check(C, R, K, D);
    nlohmann::json j;
    if (one_d) {
        j["D"] = D;
        j["K"] = K;
    } else {
        j["shape"] = {vs[1], vs[2]};
        j["kernel_shape"] = {us[us.size() - 2], us[us.size() - 1]};
    }
    j["R"] = R;
    nlohmann::json uj = nlohmann::json::array(), vj = nlohmann::json::array();
    const auto Ku = static_cast<std::size_t>(K), Dv = static_cast<std::size_t>(D);
    for (long c = 0; c < C; ++c) {
        const std::size_t base = static_cast<std::size_t>(c * R) * Ku;
        if (R == 1) {
            uj.push_back(values_of(u, base, Ku));
        } else {
            nlohmann::json rows = nlohmann::json::array();
            for (long r = 0; r < R; ++r)
                rows.push_back(values_of(u, base + static_cast<std::size_t>(r) * Ku, Ku));
            uj.push_back(std::move(rows));
        }
        vj.push_back(values_of(v, static_cast<std::size_t>(c) * Dv, Dv));
    }
    j["u"] = std::move(uj);
    j["v"] = std::move(vj);
    return network_instance_from_json(j.dump());
}

} // namespace convcert::regularizer
