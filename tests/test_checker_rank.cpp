// Tests of the rank-bound checks (certify/checker/check_rank_bound.cpp): minors derived by
// hand (singular and invertible, integer and rational), a property test on W = A·B of known
// rank q (every (q+1)×(q+1) minor must be rejected, some q×q minor accepted), tampering with
// every field, JSON round trip and dispatch.
#include "certify/checker/checker.h"
#include "tests/example_certificate.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

using namespace convcert;
using namespace convcert::checker;

namespace {

Certificate rank_cert(std::vector<std::vector<std::string>> w, long rank, std::vector<long> rows,
                      std::vector<long> cols) {
    RankClaim claim;
    claim.R = static_cast<long>(w.size());
    claim.D = static_cast<long>(w[0].size());
    claim.K = 1;
    claim.w = std::move(w);
    claim.rank = rank;
    return Certificate{RankBody{claim, RankEvidence{std::move(rows), std::move(cols)}}, {}};
}

Verdict check(const Certificate& c) {
    return check_certificate(c);
}

// W = [[1, 2, 3], [2, 4, 6], [0, 1, 1]]: rows 0 and 1 are parallel, rank 2.
const std::vector<std::vector<std::string>> kW = {
    {"1", "2", "3"}, {"2", "4", "6"}, {"0", "1", "1"}};

// Recursive enumeration of increasing index sets of size n from [0, bound).
void subsets(long bound, long n, std::vector<long>& cur, std::vector<std::vector<long>>& out) {
    if (static_cast<long>(cur.size()) == n) {
        out.push_back(cur);
        return;
    }
    for (long i = cur.empty() ? 0 : cur.back() + 1; i < bound; ++i) {
        cur.push_back(i);
        subsets(bound, n, cur, out);
        cur.pop_back();
    }
}

} // namespace

TEST_CASE("rank-bound: hand-derived minors", "[checker][rank]") {
    // det [[1, 2], [0, 1]] = 1: rank >= 2.
    CHECK(check(rank_cert(kW, 2, {0, 2}, {0, 1})).valid);
    // det [[1, 2], [2, 4]] = 0.
    const Verdict singular = check(rank_cert(kW, 2, {0, 1}, {0, 1}));
    CHECK(!singular.valid);
    CHECK(singular.reason.find("singular") != std::string::npos);
    // The whole matrix has determinant 0: rank 3 is not certified.
    CHECK(!check(rank_cert(kW, 3, {0, 1, 2}, {0, 1, 2})).valid);
    // Rationals: det [[1/2, 1/3], [1/4, 1/5]] = 1/10 - 1/12 = 1/60.
    CHECK(check(rank_cert({{"1/2", "1/3"}, {"1/4", "1/5"}}, 2, {0, 1}, {0, 1})).valid);
    // det [[1/2, 1/3], [3/4, 1/2]] = 1/4 - 1/4 = 0.
    CHECK(!check(rank_cert({{"1/2", "1/3"}, {"3/4", "1/2"}}, 2, {0, 1}, {0, 1})).valid);
    // A zero pivot that needs a row swap: [[0, 1], [1, 0]].
    CHECK(check(rank_cert({{"0", "1"}, {"1", "0"}}, 2, {0, 1}, {0, 1})).valid);
    // rank 1 from a single nonzero entry; a zero entry does not do.
    CHECK(check(rank_cert(kW, 1, {2}, {1})).valid);
    CHECK(!check(rank_cert(kW, 1, {2}, {0})).valid);
}

TEST_CASE("rank-bound: W = A·B of rank q admits no larger minor", "[checker][rank]") {
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> d(-4, 4);
    for (int trial = 0; trial < 5; ++trial) {
        const long R = 3, D = 5, q = 2;
        std::vector<std::vector<long>> A(R, std::vector<long>(q)), B(q, std::vector<long>(D));
        for (auto& row : A)
            for (auto& x : row)
                x = d(rng);
        for (auto& row : B)
            for (auto& x : row)
                x = d(rng);
        std::vector<std::vector<std::string>> W(R);
        for (long i = 0; i < R; ++i)
            for (long j = 0; j < D; ++j) {
                long s = 0;
                for (long k = 0; k < q; ++k)
                    s += A[i][k] * B[k][j];
                W[i].push_back(std::to_string(s));
            }
        std::vector<std::vector<long>> rows3, cols3, rows2, cols2;
        std::vector<long> cur;
        subsets(R, q + 1, cur, rows3);
        subsets(D, q + 1, cur, cols3);
        subsets(R, q, cur, rows2);
        subsets(D, q, cur, cols2);
        for (const auto& r : rows3)
            for (const auto& c : cols3)
                CHECK(!check(rank_cert(W, q + 1, r, c)).valid);
        // rank W = q exactly when some q×q minor is invertible; count them independently via
        // the 2×2 determinant formula.
        int invertible = 0, accepted = 0;
        for (const auto& r : rows2)
            for (const auto& c : cols2) {
                const long det = std::stol(W[r[0]][c[0]]) * std::stol(W[r[1]][c[1]]) -
                                 std::stol(W[r[0]][c[1]]) * std::stol(W[r[1]][c[0]]);
                invertible += det != 0;
                const bool ok = check(rank_cert(W, q, r, c)).valid;
                accepted += ok;
                CHECK(ok == (det != 0));
            }
        CHECK(accepted == invertible);
    }
}

TEST_CASE("rank-bound: tampering with every field is rejected", "[checker][rank]") {
    const Certificate good = rank_cert(kW, 2, {0, 2}, {0, 1});
    REQUIRE(check(good).valid);
    auto tampered = [&](auto&& edit, const std::string& needle) {
        Certificate c = good;
        edit(c);
        const Verdict v = check(c);
        INFO(v.reason);
        CHECK(!v.valid);
        CHECK(v.reason.find(needle) != std::string::npos);
    };
    tampered([](Certificate& c) { std::get<RankBody>(c.body).claim.K = 2; }, "K = 1 only");
    tampered([](Certificate& c) { std::get<RankBody>(c.body).claim.rank = 0; }, "rank = 0");
    tampered([](Certificate& c) { std::get<RankBody>(c.body).claim.rank = 4; }, "rank = 4");
    tampered([](Certificate& c) { std::get<RankBody>(c.body).claim.D = 4; }, "w[0]");
    tampered([](Certificate& c) { std::get<RankBody>(c.body).claim.R = 2; }, "rows, expected R");
    tampered([](Certificate& c) { std::get<RankBody>(c.body).claim.w[2][1] = "2/2"; }, "w[2]");
    tampered([](Certificate& c) { std::get<RankBody>(c.body).claim.w[2][1] = "0"; }, "singular");
    tampered(
        [](Certificate& c) {
            std::get<RankBody>(c.body).evidence.rows = {2, 0};
        },
        "strictly increasing");
    tampered([](Certificate& c) { std::get<RankBody>(c.body).evidence.rows = {0, 3}; }, "outside");
    tampered([](Certificate& c) { std::get<RankBody>(c.body).evidence.columns = {0}; },
             "expected rank");
    tampered(
        [](Certificate& c) {
            std::get<RankBody>(c.body).evidence.columns = {-1, 1};
        },
        "outside");
}

TEST_CASE("rank-bound: JSON round trip", "[checker][rank]") {
    const Certificate good = rank_cert(kW, 2, {0, 2}, {0, 1});
    const std::string text = certificate_to_json(good);
    CHECK(text.find("\"kind\": \"rank-bound\"") != std::string::npos);
    const CertificateReadResult back = certificate_from_json(text);
    REQUIRE(back.certificate);
    CHECK(check(*back.certificate).valid);
    CHECK(certificate_to_json(*back.certificate) == text);
    std::string bad = text;
    bad.replace(bad.find("\"rows\""), 6, "\"rowz\"");
    CHECK(!certificate_from_json(bad).certificate);
    // Another kind's evidence (a bracket's lambda and network) in a rank-bound file is refused
    // by the reader: a Certificate holds one kind's parts only.
    std::string other = text;
    other.replace(other.find("\"rows\""), 6, "\"lambda\"");
    other.replace(other.find("\"columns\""), 9, "\"network\"");
    const CertificateReadResult mixed = certificate_from_json(other);
    CHECK(!mixed.certificate);
    CHECK(mixed.error == "evidence has no field 'rows'");
}

TEST_CASE("rank-bound: the shipped example", "[checker][rank]") {
    const Certificate example = tests::example_certificate("examples/rank-bound.json");
    CHECK(check(example).valid);
    CHECK(std::get<RankBody>(example.body).claim.rank == 3);
    // Replacing one row of the minor by a combination of the others makes it singular.
    Certificate bad = example;
    const auto& ev = std::get<RankBody>(bad.body).evidence;
    auto& w = std::get<RankBody>(bad.body).claim.w;
    for (long j = 0; j < std::get<RankBody>(bad.body).claim.D; ++j)
        w[ev.rows[2]][j] =
            std::to_string(std::stol(w[ev.rows[0]][j]) - 2 * std::stol(w[ev.rows[1]][j]));
    CHECK(!check(bad).valid);
}
