// Tampering with generated certificates: every evidence field is altered in a way that
// makes the claim unproven, and the independent checker must reject it with a reason
// (lemma-exact, lemma-enclosure, and network-collapse with R = 1, 2, 3 input channels).
// (A change that leaves the statement proven, such as a slightly larger radius, is not
// tampering; those are not here.)
#include "certify/checker/checker.h"
#include "lemma/factor.h"
#include "regularizer/collapse.h"
#include "support/rational_convert.h"

#include <catch2/catch.hpp>

#include <functional>

using namespace convcert;

namespace {

Certificate generate(const std::string& json, lemma::FactorMethod method) {
    lemma::FactorOptions options;
    options.method = method;
    return lemma::lemma_factor_certificate(lemma::lemma_instance_from_json(json), options);
}

// 2h - l: the interval [h, 2h - l] lies next to [l, h] and has the same width.
std::string reflect(std::string l, const std::string& h) {
    fmpq_t a, b;
    fmpq_init(a);
    fmpq_init(b);
    fmpq_set_str(a, l.c_str(), 10);
    fmpq_set_str(b, h.c_str(), 10);
    fmpq_mul_si(b, b, 2);
    fmpq_sub(b, b, a);
    l = support::fmpq_get_string(b);
    fmpq_clear(a);
    fmpq_clear(b);
    return l;
}

// Bumps the first nonzero digit of a numeral ("-37/5" -> "-47/5", "9" -> "1", "0" -> "1").
std::string bump_leading_digit(std::string s) {
    for (char& ch : s)
        if (ch >= '1' && ch <= '9') {
            ch = ch == '9' ? '1' : static_cast<char>(ch + 1);
            return s;
        }
    const auto zero = s.find('0');
    if (zero != std::string::npos) s[zero] = '1';
    return s;
}

void require_rejected(const Certificate& tampered, const std::string& what) {
    const checker::Verdict v = checker::check_certificate(tampered);
    INFO("tampering: " << what);
    REQUIRE_FALSE(v.valid);
    REQUIRE_FALSE(v.reason.empty());
    REQUIRE(v.reason.find('\n') == std::string::npos);
}

// Instances with irrational factors (so that no perturbation is accidentally harmless).
const char* kInstances[] = {
    R"({"K": 1, "vectors": [[1], [1]]})",
    R"({"K": 2, "vectors": [[1, 2], [3, -1]]})",
    R"({"K": 3, "vectors": [[1, 2, -3], ["1/2", "0", "4"]]})",
    R"({"K": 4, "vectors": [[2, -1, 3, 1], [1, 1, -2, 5]]})",
    R"({"K": 5, "vectors": [[1, 2, 0, 0, 0], [3, -1, 0, 0, 0]]})", // trailing zero lags
};

} // namespace

TEST_CASE("tampered lemma-exact certificates are rejected", "[tamper]") {
    for (const char* json : kInstances) {
        const Certificate cert = generate(json, lemma::FactorMethod::Exact);
        INFO("instance " << json);
        REQUIRE(checker::check_certificate(cert).valid);
        auto with = [&](const std::string& what,
                        const std::function<void(LemmaExactEvidence&)>& f) {
            Certificate t = cert;
            f(std::get<LemmaExactBody>(t.body).evidence);
            require_rejected(t, what);
        };
        const auto& ev = std::get<LemmaExactBody>(cert.body).evidence;
        for (std::size_t i = 0; i < ev.minpoly.size(); ++i)
            with("minpoly[" + std::to_string(i) + "] leading digit",
                 [&](auto& e) { e.minpoly[i] = bump_leading_digit(e.minpoly[i]); });
        for (std::size_t k = 0; k < ev.c.size(); ++k)
            for (std::size_t i = 0; i < ev.c[k].size(); ++i)
                with("c[" + std::to_string(k) + "][" + std::to_string(i) + "] leading digit",
                     [&](auto& e) { e.c[k][i] = bump_leading_digit(e.c[k][i]); });
        for (std::size_t k = 0; k < ev.c_decimal.size(); ++k)
            if (ev.c_decimal[k] != "0")
                with("c_decimal[" + std::to_string(k) + "] leading digit",
                     [&](auto& e) { e.c_decimal[k] = bump_leading_digit(e.c_decimal[k]); });
        with("interval ends swapped", [](auto& e) { std::swap(e.interval_lo, e.interval_hi); });
        with("interval moved just past the root", [](auto& e) {
            const std::string l = e.interval_lo, h = e.interval_hi;
            e.interval_lo = h;
            e.interval_hi = reflect(l, h);
        });
        with("minpoly top coefficient dropped", [](auto& e) { e.minpoly.pop_back(); });
        with("a polynomial dropped", [](auto& e) { e.c.pop_back(); });
        with("a decimal dropped", [](auto& e) { e.c_decimal.pop_back(); });
        with("digits below 30", [](auto& e) { e.digits = 29; });
        with("non-canonical rational", [](auto& e) { e.interval_lo = "2/4"; });
        Certificate t = cert;
        std::get<LemmaExactBody>(t.body).claim.target[0] =
            bump_leading_digit(std::get<LemmaExactBody>(t.body).claim.target[0]);
        require_rejected(t, "target[0] changed");
        t = cert;
        std::get<LemmaExactBody>(t.body).claim.vectors[0][0] =
            bump_leading_digit(std::get<LemmaExactBody>(t.body).claim.vectors[0][0]);
        require_rejected(t, "vectors[0][0] changed");
        t = cert;
        std::get<LemmaExactBody>(t.body).claim.vectors.pop_back();
        require_rejected(t, "a vector dropped");
    }
}

TEST_CASE("tampered lemma-enclosure certificates are rejected", "[tamper]") {
    for (const char* json : kInstances) {
        const Certificate cert = generate(json, lemma::FactorMethod::Enclosure);
        INFO("instance " << json);
        REQUIRE(checker::check_certificate(cert).valid);
        auto with = [&](const std::string& what,
                        const std::function<void(LemmaEnclosureEvidence&)>& f) {
            Certificate t = cert;
            f(std::get<LemmaEnclosureBody>(t.body).evidence);
            require_rejected(t, what);
        };
        const auto& ev = std::get<LemmaEnclosureBody>(cert.body).evidence;
        for (std::size_t k = 0; k < ev.center.size(); ++k)
            if (ev.center[k] != "0")
                with("center[" + std::to_string(k) + "] leading digit",
                     [&](auto& e) { e.center[k] = bump_leading_digit(e.center[k]); });
        for (std::size_t k = 0; k < ev.c_decimal.size(); ++k)
            if (ev.c_decimal[k] != "0")
                with("c_decimal[" + std::to_string(k) + "] leading digit",
                     [&](auto& e) { e.c_decimal[k] = bump_leading_digit(e.c_decimal[k]); });
        with("radius 10^40 times smaller", [](auto& e) {
            e.radius +=
                (e.radius.find('/') == std::string::npos ? "/1" : "") + std::string(40, '0');
        });
        with("radius 10^40 times larger", [](auto& e) {
            const auto slash = e.radius.find('/');
            e.radius.insert(slash == std::string::npos ? e.radius.size() : slash,
                            std::string(40, '0'));
        });
        with("radius zero", [](auto& e) { e.radius = "0"; });
        with("radius negative", [](auto& e) { e.radius = "-" + e.radius; });
        with("a center component dropped", [](auto& e) { e.center.pop_back(); });
        with("digits above the limit", [](auto& e) { e.digits = 10001; });
        Certificate t = cert;
        std::get<LemmaEnclosureBody>(t.body).claim.target.back() =
            bump_leading_digit(std::get<LemmaEnclosureBody>(t.body).claim.target.back());
        require_rejected(t, "target changed");
    }
}

TEST_CASE("tampered network-collapse certificates are rejected", "[tamper][collapse]") {
    // R = 1, 2, 3: every field of the claim, each kernel row and the channel count.
    const char* inputs[] = {
        R"({"D": 4, "K": 2, "u": [[1, 2], [3, -1], ["1/2", 1]],
            "v": [[1, 0, 2, 1], [0, 1, 1, -1], [2, 1, 0, 0]]})",
        R"({"D": 5, "K": 2, "R": 2, "u": [[[1, 2], [0, 1]], [[2, -1], [1, 1]], [[0, 1], [3, 0]]],
            "v": [[1, 0, 2, 1, 0], [0, 1, 1, -1, 2], [2, 1, 0, 0, 1]]})",
        R"({"D": 4, "K": 3, "R": 3,
            "u": [[[1, 2, 0], [0, 1, 1], [1, 0, 0]], [[2, -1, 1], [1, 1, 0], [0, 0, 2]],
                  [[0, 1, 0], [3, 0, 1], [1, 1, 1]], [[1, 0, 0], [0, 0, 1], [0, 2, 0]]],
            "v": [[1, 0, 2, 1], [0, 1, 1, -1], [2, 1, 0, 0], [1, 1, 1, 1]]})",
    };
    for (const char* json : inputs) {
        INFO("input " << json);
        const Certificate cert =
            regularizer::regularizer_collapse(regularizer::network_instance_from_json(json))
                .certificate;
        REQUIRE(checker::check_certificate(cert).valid);
        auto with = [&](const std::string& what, const std::function<void(CollapseClaim&)>& f) {
            Certificate t = cert;
            f(std::get<CollapseBody>(t.body).claim);
            require_rejected(t, what);
        };
        const CollapseClaim& claim = std::get<CollapseBody>(cert.body).claim;
        with("D + 1", [](CollapseClaim& c) { ++c.D; });
        with("K + 1", [](CollapseClaim& c) { ++c.K; });
        with("R + 1", [](CollapseClaim& c) { ++c.R; });
        with("R - 1", [](CollapseClaim& c) { --c.R; });
        for (std::size_t r = 0; r < claim.w.size(); ++r)
            with("w row " + std::to_string(r),
                 [&](CollapseClaim& c) { c.w[r][1] = bump_leading_digit(c.w[r][1]); });
        for (const char* which : {"input", "output"}) {
            const bool in = which[0] == 'i';
            const CollapseNetwork& n = in ? claim.input : claim.output;
            auto net = [in](CollapseClaim& c) -> CollapseNetwork& {
                return in ? c.input : c.output;
            };
            for (std::size_t ch = 0; ch < n.u.size(); ++ch) {
                const std::string at = std::string(which) + " channel " + std::to_string(ch);
                for (std::size_t r = 0; r < n.u[ch].size(); ++r)
                    with(at + " kernel row " + std::to_string(r), [&](CollapseClaim& c) {
                        std::string& x = net(c).u[ch][r][0];
                        x = x == "0" ? "1" : "0";
                    });
                with(at + " kernel row dropped",
                     [&](CollapseClaim& c) { net(c).u[ch].pop_back(); });
                with(at + " v", [&](CollapseClaim& c) {
                    std::string& x = net(c).v[ch][0];
                    x = x == "0" ? "1" : "0";
                });
            }
        }
        with("an extra output channel beyond R", [&](CollapseClaim& c) {
            while (c.output.u.size() <= static_cast<std::size_t>(c.R)) {
                c.output.u.push_back(c.output.u[0]);
                c.output.v.push_back(std::vector<std::string>(c.output.v[0].size(), "0"));
            }
        });
        with("cost_in", [](CollapseClaim& c) { c.cost_in = bump_leading_digit(c.cost_in); });
        with("cost_out", [](CollapseClaim& c) { c.cost_out = bump_leading_digit(c.cost_out); });
        with("slack negative", [](CollapseClaim& c) { c.slack = "-1"; });
        with("input and output swapped", [](CollapseClaim& c) {
            std::swap(c.input, c.output);
            std::swap(c.cost_in, c.cost_out);
        });
    }
}
