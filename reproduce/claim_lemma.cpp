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
#include "support/rational_convert.h"

namespace convcert::reproduce {

namespace {

using Rows = std::vector<std::vector<std::string>>;

struct LemmaSpec {
    std::string id, family;
    long m = 0, K = 0;
    lemma::FactorMethod method = lemma::FactorMethod::Auto;
    // either fixed vectors, or a generator from the instance seed
    Rows vectors;
    std::function<Rows(ReproduceRandom&)> make;
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

// The evidence column of the report: the field degree or the box radius.
std::string lemma_evidence_text(const Certificate& cert) {
    if (const auto* exact = std::get_if<LemmaExactBody>(&cert.body))
        return "field degree " + std::to_string(exact->evidence.minpoly.size() - 1);
    const std::string& rad = std::get<LemmaEnclosureBody>(cert.body).evidence.radius;
    return "box radius " + (rad.size() <= 24 ? rad : rad.substr(0, 16) + "...");
}

InstanceResult lemma_run(const LemmaSpec& spec, const InstanceContext& ctx) {
    ReproduceRandom rng(ctx.seed);
    // The instance's text is parsed once, here: the engine works on exact values.
    const lemma::LemmaInstance inst{
        spec.K, support::fmpq_mat_from_rows(spec.make ? spec.make(rng) : spec.vectors, spec.id)};
    InstanceResult r;
    r.label = spec.id;
    r.fields["family"] = spec.family;
    r.values["m"] = static_cast<double>(inst.vectors.rows());
    r.values["K"] = static_cast<double>(spec.K);
    lemma::FactorOptions options;
    options.method = spec.method;
    const Certificate cert = lemma::lemma_factor_certificate(inst, options);
    r.fields["kind"] = certificate_kind_name(cert);
    r.fields["evidence"] = lemma_evidence_text(cert);
    std::string sample = reproduce_vector_text(support::fmpq_mat_to_rows(inst.vectors)[0]);
    if (sample.size() > 60) sample = sample.substr(0, 57) + "...";
    r.fields["a1"] = sample;
    reproduce_write_and_check(ctx, reproduce_cert_path(ctx, spec.id + ".json"),
                              certificate_to_json(cert), r);
    return r;
}

// m random vectors of length K from `one` (a vector of K entries from the generator).
LemmaSpec lemma_spec_random(const std::string& id, const std::string& family, long m, long K,
                            std::vector<std::string> (*one)(ReproduceRandom&, long)) {
    LemmaSpec x;
    x.id = id;
    x.family = family;
    x.m = m;
    x.K = K;
    x.make = [m, K, one](ReproduceRandom& rng) {
        Rows v;
        for (long i = 0; i < m; ++i)
            v.push_back(one(rng, K));
        return v;
    };
    return x;
}

std::vector<std::string> lemma_random_digit_vector(ReproduceRandom& rng, long K) {
    return reproduce_random_integers(rng, K, -9, 9);
}

LemmaSpec lemma_spec_int(long m, long K) {
    return lemma_spec_random("int-m" + std::to_string(m) + "-K" + std::to_string(K),
                             "random integer [-9, 9]", m, K, lemma_random_digit_vector);
}

LemmaSpec lemma_spec_rat(long m, long K) {
    return lemma_spec_random("rat-m" + std::to_string(m) + "-K" + std::to_string(K),
                             "random rational p/q", m, K, reproduce_random_rationals);
}

LemmaSpec lemma_spec_fixed(const std::string& id, const std::string& family, Rows v) {
    LemmaSpec x;
    x.id = id;
    x.family = family;
    x.m = static_cast<long>(v.size());
    x.K = static_cast<long>(v[0].size());
    x.vectors = std::move(v);
    return x;
}

// Random integer and rational instances: the exact range (effective length <= 6), then
// enclosures, then (--full) exact past auto's range.
void lemma_specs_random(std::vector<LemmaSpec>& s, bool full) {
    for (long K = 1; K <= 6; ++K)
        s.push_back(lemma_spec_int(2, K));
    for (long K : {3L, 5L})
        s.push_back(lemma_spec_int(3, K));
    for (long K : {2L, 4L, 6L})
        s.push_back(lemma_spec_int(5, K));
    std::vector<long> big = {8, 16, 32, 64, 128, 256};
    if (full) big.insert(big.end(), {512, 1024});
    for (long m = 2; m <= 5; ++m)
        for (long K : big)
            s.push_back(lemma_spec_int(m, K));
    for (long K : {3L, 6L, 12L})
        s.push_back(lemma_spec_rat(2, K));
    s.push_back(lemma_spec_rat(4, full ? 256 : 24));
    if (full)
        for (long K : {7L, 8L}) { // exact past auto's range: field degree 128, 256
            s.push_back(lemma_spec_int(2, K));
            s.back().id = "int-exact-m2-K" + std::to_string(K);
            s.back().method = lemma::FactorMethod::Exact;
        }
}

// Fixed adversarial families: roots on the unit circle, repeated roots, leading or trailing
// zeros.
void lemma_specs_fixed(std::vector<LemmaSpec>& s) {
    s.push_back(lemma_spec_fixed("circle-K2", "roots on the unit circle: 5(1+x)(1+1/x)",
                                 {lemma_scaled({1, 1}, 1), lemma_scaled({1, 1}, 2)}));
    s.push_back(lemma_spec_fixed("circle-K3", "roots on the unit circle: (1+x²) twice",
                                 {lemma_scaled({1, 0, 1}, 1), lemma_scaled({1, 0, 1}, 1)}));
    s.push_back(lemma_spec_fixed("circle-K4", "roots on the unit circle: 1+x³ and 3(1+x³)",
                                 {lemma_scaled({1, 0, 0, 1}, 1), lemma_scaled({1, 0, 0, 1}, 3)}));
    s.push_back(lemma_spec_fixed("repeated-K3", "repeated root 1/2: (1-2x)² and 3(1-2x)²",
                                 {lemma_scaled({1, -4, 4}, 1), lemma_scaled({1, -4, 4}, 3)}));
    s.push_back(lemma_spec_fixed("repeated-circle-K3",
                                 "repeated root -1 on the circle: (1+x)², one vector",
                                 {lemma_scaled({1, 2, 1}, 1)}));
    s.push_back(lemma_spec_fixed("leading-zeros-K5", "leading zeros",
                                 {{"0", "0", "1", "2", "3"}, {"0", "0", "2", "-1", "1"}}));
    s.push_back(lemma_spec_fixed("trailing-zeros-K5", "trailing zeros",
                                 {{"1", "2", "3", "0", "0"}, {"2", "-1", "1", "0", "0"}}));
}

// 3 zeros, 14 random digits, 3 zeros.
std::vector<std::string> lemma_zeros_both_vector(ReproduceRandom& rng, long) {
    std::vector<std::string> a(3, "0");
    for (const auto& t : reproduce_random_integers(rng, 14, -9, 9))
        a.push_back(t);
    a.insert(a.end(), 3, "0");
    return a;
}

std::vector<std::string> lemma_huge_vector(ReproduceRandom& rng, long K) {
    std::vector<std::string> a;
    for (long k = 0; k < K; ++k)
        a.push_back(lemma_huge(rng, 40));
    return a;
}

// Random adversarial families: zeros at both ends (an enclosure), huge coefficients.
void lemma_specs_random_adversarial(std::vector<LemmaSpec>& s) {
    s.push_back(lemma_spec_random("zeros-both-K20",
                                  "leading and trailing zeros (3 each), enclosure", 2, 20,
                                  lemma_zeros_both_vector));
    for (long K : {3L, 16L})
        s.push_back(lemma_spec_random("huge-K" + std::to_string(K), "huge coefficients (40 digits)",
                                      2, K, lemma_huge_vector));
}

std::vector<LemmaSpec> lemma_specs(const SuiteOptions& opt) {
    std::vector<LemmaSpec> s;
    lemma_specs_random(s, opt.full);
    lemma_specs_fixed(s);
    lemma_specs_random_adversarial(s);
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
