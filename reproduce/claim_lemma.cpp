// Claim 1 of `convcert reproduce`, the Lemma (MATH.md §2): for random integer and rational
// vectors a_1..a_m (m = 2..5) and K from 1 to 256 (quick) or 1024 (--full), and for adversarial
// families (roots on the unit circle, repeated roots, leading or trailing zeros, huge
// coefficients), a certificate that some c in R^K has c ⋆ c = sum_i a_i ⋆ a_i: exact (a real
// algebraic field) where the degree allows, a proven enclosure beyond.
#include "certify/certificate.h"
#include "lemma/factor.h"
#include "lemma/instance.h"
#include "reproduce/reproduce_claim.h"
#include "reproduce/reproduce_run.h"
#include "reproduce/reproduce_util.h"
#include "support/input_json.h"

namespace convcert::reproduce {

namespace {

struct LemmaSpec {
    std::string id, family;
    long m = 0, K = 0;
    lemma::FactorMethod method = lemma::FactorMethod::Auto;
    // either fixed vectors, or a generator from the instance seed
    std::vector<std::vector<std::string>> vectors;
    std::function<std::vector<std::vector<std::string>>(ReproduceRandom&)> make;
};

std::vector<std::string> lemma_scaled(const std::vector<long>& v, long s) {
    std::vector<std::string> out;
    for (long x : v)
        out.push_back(std::to_string(x * s));
    return out;
}

std::string lemma_huge(ReproduceRandom& rng, int digits) {
    std::string s = std::to_string(rng.integer(1, 9));
    for (int i = 1; i < digits; ++i)
        s += static_cast<char>('0' + rng.integer(0, 9));
    return rng.integer(0, 1) ? "-" + s : s;
}

InstanceResult lemma_run(const LemmaSpec& spec, const InstanceContext& ctx) {
    ReproduceRandom rng(ctx.seed);
    lemma::LemmaInstance inst;
    inst.K = spec.K;
    inst.vectors = spec.make ? spec.make(rng) : spec.vectors;
    for (auto& v : inst.vectors)
        for (auto& x : v)
            x = support::rational_canonicalize(x, "reproduce");
    InstanceResult r;
    r.label = spec.id;
    r.fields["family"] = spec.family;
    r.values["m"] = static_cast<double>(inst.vectors.size());
    r.values["K"] = static_cast<double>(spec.K);
    lemma::FactorOptions options;
    options.method = spec.method;
    const Certificate cert = lemma::lemma_factor_certificate(inst, options);
    r.fields["kind"] = certificate_kind_name(cert);
    if (const auto* exact = std::get_if<LemmaExactBody>(&cert.body))
        r.fields["evidence"] = "field degree " + std::to_string(exact->evidence.minpoly.size() - 1);
    if (const auto* enclosure = std::get_if<LemmaEnclosureBody>(&cert.body)) {
        const std::string& rad = enclosure->evidence.radius;
        r.fields["evidence"] = "box radius " + (rad.size() <= 24 ? rad : rad.substr(0, 16) + "...");
    }
    std::string sample = reproduce_vector_text(inst.vectors[0]);
    if (sample.size() > 60) sample = sample.substr(0, 57) + "...";
    r.fields["a1"] = sample;
    reproduce_write_and_check(ctx, reproduce_cert_path(ctx, spec.id + ".json"),
                              certificate_to_json(cert), r);
    return r;
}

std::vector<LemmaSpec> lemma_specs(const SuiteOptions& opt) {
    std::vector<LemmaSpec> s;
    auto random_int = [&](long m, long K) {
        LemmaSpec x;
        x.id = "int-m" + std::to_string(m) + "-K" + std::to_string(K);
        x.family = "random integer [-9, 9]";
        x.m = m;
        x.K = K;
        x.make = [m, K](ReproduceRandom& rng) {
            std::vector<std::vector<std::string>> v;
            for (long i = 0; i < m; ++i)
                v.push_back(reproduce_random_integers(rng, K, -9, 9));
            return v;
        };
        s.push_back(x);
    };
    auto random_rat = [&](long m, long K) {
        LemmaSpec x;
        x.id = "rat-m" + std::to_string(m) + "-K" + std::to_string(K);
        x.family = "random rational p/q";
        x.m = m;
        x.K = K;
        x.make = [m, K](ReproduceRandom& rng) {
            std::vector<std::vector<std::string>> v;
            for (long i = 0; i < m; ++i)
                v.push_back(reproduce_random_rationals(rng, K));
            return v;
        };
        s.push_back(x);
    };
    auto fixed = [&](const std::string& id, const std::string& family,
                     std::vector<std::vector<std::string>> v) {
        LemmaSpec x;
        x.id = id;
        x.family = family;
        x.m = static_cast<long>(v.size());
        x.K = static_cast<long>(v[0].size());
        x.vectors = std::move(v);
        s.push_back(x);
    };
    // exact range (effective length <= 6)
    for (long K = 1; K <= 6; ++K)
        random_int(2, K);
    for (long K : {3L, 5L})
        random_int(3, K);
    for (long K : {2L, 4L, 6L})
        random_int(5, K);
    // enclosures
    std::vector<long> big = {8, 16, 32, 64, 128, 256};
    if (opt.full) big.insert(big.end(), {512, 1024});
    for (long m = 2; m <= 5; ++m)
        for (long K : big)
            random_int(m, K);
    for (long K : {3L, 6L, 12L})
        random_rat(2, K);
    random_rat(4, opt.full ? 256 : 24);
    if (opt.full)
        for (long K : {7L, 8L}) { // exact past auto's range: field degree 128, 256
            random_int(2, K);
            s.back().id = "int-exact-m2-K" + std::to_string(K);
            s.back().method = lemma::FactorMethod::Exact;
        }
    // adversarial families
    fixed("circle-K2", "roots on the unit circle: 5(1+x)(1+1/x)",
          {lemma_scaled({1, 1}, 1), lemma_scaled({1, 1}, 2)});
    fixed("circle-K3", "roots on the unit circle: (1+x²) twice",
          {lemma_scaled({1, 0, 1}, 1), lemma_scaled({1, 0, 1}, 1)});
    fixed("circle-K4", "roots on the unit circle: 1+x³ and 3(1+x³)",
          {lemma_scaled({1, 0, 0, 1}, 1), lemma_scaled({1, 0, 0, 1}, 3)});
    fixed("repeated-K3", "repeated root 1/2: (1-2x)² and 3(1-2x)²",
          {lemma_scaled({1, -4, 4}, 1), lemma_scaled({1, -4, 4}, 3)});
    fixed("repeated-circle-K3", "repeated root -1 on the circle: (1+x)², one vector",
          {lemma_scaled({1, 2, 1}, 1)});
    fixed("leading-zeros-K5", "leading zeros",
          {{"0", "0", "1", "2", "3"}, {"0", "0", "2", "-1", "1"}});
    fixed("trailing-zeros-K5", "trailing zeros",
          {{"1", "2", "3", "0", "0"}, {"2", "-1", "1", "0", "0"}});
    {
        LemmaSpec x;
        x.id = "zeros-both-K20";
        x.family = "leading and trailing zeros (3 each), enclosure";
        x.m = 2;
        x.K = 20;
        x.make = [](ReproduceRandom& rng) {
            std::vector<std::vector<std::string>> v;
            for (int i = 0; i < 2; ++i) {
                std::vector<std::string> a(3, "0");
                for (const auto& t : reproduce_random_integers(rng, 14, -9, 9))
                    a.push_back(t);
                a.insert(a.end(), 3, "0");
                v.push_back(a);
            }
            return v;
        };
        s.push_back(x);
    }
    for (long K : {3L, 16L}) {
        LemmaSpec x;
        x.id = "huge-K" + std::to_string(K);
        x.family = "huge coefficients (40 digits)";
        x.m = 2;
        x.K = K;
        x.make = [K](ReproduceRandom& rng) {
            std::vector<std::vector<std::string>> v(2);
            for (auto& a : v)
                for (long k = 0; k < K; ++k)
                    a.push_back(lemma_huge(rng, 40));
            return v;
        };
        s.push_back(x);
    }
    return s;
}

} // namespace

Claim reproduce_claim_lemma() {
    Claim c;
    c.id = "1-lemma";
    c.name = "Lemma instances";
    c.math_ref = "MATH.md §2";
    c.proven = "for each listed instance, some c in R^K satisfies c ⋆ c = sum_i a_i ⋆ a_i "
               "(lemma-exact: c in a real algebraic field, identity checked modulo the minimal "
               "polynomial; lemma-enclosure: a rational box proven to hold exactly one c).";
    c.instances = [](const SuiteOptions& opt) {
        std::vector<InstanceSpec> out;
        for (const LemmaSpec& s : lemma_specs(opt))
            out.push_back({s.id, [s](const InstanceContext& ctx) { return lemma_run(s, ctx); }});
        return out;
    };
    c.report = [](const std::vector<InstanceResult>& results, const std::filesystem::path&,
                  report::ReportDocument& doc) {
        report::report_add_paragraph(
            doc, "Random instances are drawn from the instance seed (see the summary). The "
                 "generator is `convcert factor --method auto`: exact up to effective length 6, "
                 "enclosure beyond, exact again when the enclosure fails (roots on the circle).");
        report::report_add_paragraph(
            doc, "The statement is also proven in general in Coq, for every K and any number of "
                 "vectors: theorem `sum_autocorr_factor` in proofs/FejerRiesz.v.");
        report::ReportTable t;
        t.header = {"instance", "family", "m", "K", "kind", "evidence", "a_1", "check"};
        t.right_align = {false, false, true, true, false, false, false, false};
        for (const auto& r : results) {
            const std::string link = r.certificates.empty() ? "" : r.certificates[0];
            const auto f = [&](const char* k) {
                const auto it = r.fields.find(k);
                return it == r.fields.end() ? std::string("-") : it->second;
            };
            const auto v = [&](const char* k) {
                const auto it = r.values.find(k);
                return it == r.values.end() ? std::string("-") : reproduce_format(it->second);
            };
            report::report_table_add_cells(
                t, {report::report_cell(r.label, link), report::report_cell(f("family")),
                    report::report_cell(v("m")), report::report_cell(v("K")),
                    report::report_cell(f("kind")), report::report_cell(f("evidence")),
                    report::report_cell(f("a1")),
                    report::report_cell(r.generator_error ? "no certificate"
                                        : r.failed        ? "FAILED"
                                                          : "valid")});
        }
        report::report_add_table(doc, t);
    };
    return c;
}

} // namespace convcert::reproduce
