// The paper's training recipe (train/recipe_paper.h): the minibatch exponential loss's gradient
// against central finite differences, torch.optim.SGD's momentum step by hand, the learning-rate
// schedule and its optimizer restarts, the initialization's bounds and draw order, x_den, the
// stopping rule, and `convcert train --recipe paper` end to end (RUN.json's R̂ recomputed from
// its own network; bad option combinations exit 2 with one line and no file).
#include "tests/cli_run.h"
#include "train/recipe_json.h"
#include "train/recipe_paper.h"
#include "train/sgd_momentum.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <random>

namespace fs = std::filesystem;
using namespace convcert;
using namespace convcert::train;

namespace {

std::vector<double> uniform_vector(long n, std::mt19937& gen, double a) {
    std::uniform_real_distribution<double> U(-a, a);
    std::vector<double> x(static_cast<std::size_t>(n));
    for (auto& t : x)
        t = U(gen);
    return x;
}

// A 2-D dataset 5×4 (R channels) of n integer samples labelled by the sign of a fixed w.
data::Dataset dataset_small(long n, long R, long x_den, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<long> U(-9, 9);
    data::Dataset d;
    d.name = "small";
    d.R = R;
    d.D = 20;
    d.shape = {5, 4};
    d.x_den = x_den;
    for (long i = 0; i < n; ++i) {
        std::vector<long> row(static_cast<std::size_t>(R * d.D));
        long s = 0;
        for (long k = 0; k < R * d.D; ++k) {
            row[static_cast<std::size_t>(k)] = U(gen);
            s += (k % 3 == 0 ? 1 : -1) * row[static_cast<std::size_t>(k)];
        }
        d.y.push_back(s >= 0 ? 1 : -1);
        d.x.push_back(row);
    }
    return d;
}

// The minibatch loss of θ on samples [b, e).
double loss_of(CnnFft& fft, const CnnParams& p, const std::vector<std::vector<double>>& xs,
               const std::vector<int>& y, long b, long e) {
    std::vector<double> W, G;
    fft.predictor(p, W);
    return recipe_exp_loss_gradient(xs, y, b, e, W, G);
}

} // namespace

TEST_CASE("recipe: minibatch exponential loss gradient against finite differences", "[recipe]") {
    const data::Dataset d = dataset_small(40, 2, 1, 3);
    const Grid g = grid_2d(5, 4, 2, 3);
    const auto xs = recipe_samples(d);
    std::mt19937 gen(7);
    CnnParams p;
    p.R = 2, p.D = 20, p.K = 6, p.C = 3;
    p.u = uniform_vector(p.C * p.R * p.K, gen, 0.1);
    p.v = uniform_vector(p.C * p.D, gen, 0.1);
    CnnFft fft(2, g, 3);
    for (auto [b, e] : {std::pair<long, long>{0, 32}, {32, 40}}) {
        std::vector<double> W, G, du, dv;
        fft.predictor(p, W);
        recipe_exp_loss_gradient(xs, d.y, b, e, W, G);
        fft.backward(p, G, du, dv);
        const double h = 1e-6;
        auto fd = [&](std::vector<double>& theta, std::size_t k) {
            const double t = theta[k];
            theta[k] = t + h;
            const double lp = loss_of(fft, p, xs, d.y, b, e);
            theta[k] = t - h;
            const double lm = loss_of(fft, p, xs, d.y, b, e);
            theta[k] = t;
            return (lp - lm) / (2 * h);
        };
        for (std::size_t k = 0; k < p.u.size(); ++k)
            CHECK(fd(p.u, k) == Approx(du[k]).epsilon(1e-6).margin(1e-9));
        for (std::size_t k = 0; k < p.v.size(); ++k)
            CHECK(fd(p.v, k) == Approx(dv[k]).epsilon(1e-6).margin(1e-9));
    }
}

TEST_CASE("recipe: the loss is the mean over the minibatch", "[recipe]") {
    const data::Dataset d = dataset_small(3, 1, 1, 5);
    const auto xs = recipe_samples(d);
    std::vector<double> W(20, 0.0), G;
    W[0] = 0.01, W[7] = -0.02;
    double expect = 0;
    for (long i = 1; i < 3; ++i)
        expect += std::exp(-d.y[static_cast<std::size_t>(i)] *
                           (0.01 * xs[static_cast<std::size_t>(i)][0] -
                            0.02 * xs[static_cast<std::size_t>(i)][7]));
    CHECK(recipe_exp_loss_gradient(xs, d.y, 1, 3, W, G) == Approx(expect / 2).epsilon(1e-15));
}

TEST_CASE("recipe: SGD momentum step is torch.optim.SGD's", "[recipe]") {
    SgdMomentum s{0.3, {}};
    std::vector<double> theta{1.0};
    sgd_momentum_step(s, theta, {1.0}, 0.1); // buf = 1
    CHECK(theta[0] == Approx(0.9).epsilon(1e-15));
    sgd_momentum_step(s, theta, {2.0}, 0.1); // buf = 0.3 + 2 = 2.3
    CHECK(s.buf[0] == Approx(2.3).epsilon(1e-15));
    CHECK(theta[0] == Approx(0.67).epsilon(1e-15));
    sgd_momentum_reset(s); // a new optimizer: buf = g
    sgd_momentum_step(s, theta, {3.0}, 0.1);
    CHECK(theta[0] == Approx(0.37).epsilon(1e-15));
    CHECK_THROWS_AS(sgd_momentum_step(s, theta, {1.0, 2.0}, 0.1), std::invalid_argument);
}

TEST_CASE("recipe: learning-rate schedule and optimizer restarts", "[recipe]") {
    const std::pair<long, double> expect[] = {
        {1, 0.001},   {500, 0.001}, {501, 0.01}, {1000, 0.01}, {1001, 0.05},
        {1200, 0.05}, {1201, 0.1},  {1500, 0.1}, {1501, 0.5},  {2000, 0.5},
        {2001, 1},    {3000, 1},    {3001, 2},   {4000, 2},    {4001, 4},
        {4500, 4},    {4501, 10},   {5000, 10},  {5001, 20},   {100000, 20}};
    for (auto [e, lr] : expect)
        CHECK(recipe_paper_learning_rate(e) == lr);
    std::vector<long> restarts;
    for (long e = 1; e <= 100000; ++e)
        if (recipe_paper_rate_changes(e)) restarts.push_back(e);
    CHECK(restarts == std::vector<long>{1, 501, 1001, 1201, 1501, 2001, 3001, 4001, 4501, 5001});
    CHECK_THROWS_AS(recipe_paper_learning_rate(0), std::invalid_argument);
}

TEST_CASE("recipe: initialization bounds, draw order and seeds", "[recipe]") {
    const Grid g = grid_2d(5, 4, 2, 3);
    const CnnParams p = recipe_paper_init(2, g, 3, 11);
    const double bu = 0.001 / std::sqrt(2.0 * 6), bv = 0.001 / std::sqrt(3.0 * 20);
    double mu = 0, mv = 0;
    for (double a : p.u)
        mu = std::max(mu, std::abs(a));
    for (double a : p.v)
        mv = std::max(mv, std::abs(a));
    CHECK(mu <= bu);
    CHECK(mu > 0.8 * bu); // 36 draws: the maximum is near the bound
    CHECK(mv <= bv);
    CHECK(mv > 0.9 * bv); // 60 draws
    // u first, then v, from one std::mt19937_64(seed).
    std::mt19937_64 gen(11);
    std::vector<double> draws;
    for (int k = 0; k < 36 + 60; ++k)
        draws.push_back(static_cast<double>(gen() >> 11) * 0x1.0p-53);
    auto value = [](double fan_in, double t) {
        return 0.001 * (1 / std::sqrt(fan_in)) * (2 * t - 1);
    };
    CHECK(p.u[0] == value(12, draws[0]));
    CHECK(p.u[35] == value(12, draws[35]));
    CHECK(p.v[0] == value(60, draws[36]));
    CHECK(p.v[59] == value(60, draws[95]));
    CHECK(recipe_paper_init(2, g, 3, 12).u != p.u);
    CHECK(recipe_paper_init(2, g, 3, 11).u == p.u);
}

TEST_CASE("recipe: samples are x / x_den", "[recipe]") {
    data::Dataset a = dataset_small(40, 1, 1, 9), b = a;
    b.x_den = 8;
    for (auto& row : b.x)
        for (auto& t : row)
            t *= 8;
    RecipeOptions o;
    o.kernel = support::kernel_spec_parse("2x2", "--kernel");
    o.C = 2;
    o.max_epochs = 600;
    const RecipeRun ra = recipe_paper_train(a, o), rb = recipe_paper_train(b, o);
    CHECK(ra.final_params.u == rb.final_params.u);
    CHECK(ra.final_params.v == rb.final_params.v);
    CHECK(ra.final_loss == rb.final_loss);
    CHECK(ra.final_loss < 0.99); // it trained
}

TEST_CASE("recipe: stops at the first check where the mean loss is <= 1e-6", "[recipe]") {
    const data::Dataset d = dataset_small(40, 1, 1, 9);
    RecipeOptions o;
    o.kernel = support::kernel_spec_parse("3", "--kernel");
    o.C = 1;
    const RecipeRun run = recipe_paper_train(d, o);
    REQUIRE(run.stopped);
    REQUIRE(run.checks.size() >= 2);
    CHECK(run.epochs == run.checks.back().epoch);
    CHECK(run.epochs % 100 == 0);
    CHECK(run.checks.back().loss <= 1e-6);
    CHECK(run.checks[run.checks.size() - 2].loss > 1e-6);
    CHECK(run.final_loss == run.checks.back().loss);
    CHECK(run.min_margin > 0);
    for (std::size_t i = 0; i < run.checks.size(); ++i)
        CHECK(run.checks[i].epoch == 100 * static_cast<long>(i + 1));
    // A cap that is not a multiple of 100: exactly that many epochs, not stopped.
    o.max_epochs = 250;
    const RecipeRun capped = recipe_paper_train(d, o);
    CHECK(capped.epochs == 250);
    CHECK_FALSE(capped.stopped);
    CHECK(capped.checks.size() == 2);
}

namespace {

const fs::path& scratch() {
    static const fs::path dir = tests::cli_scratch_create("train-recipe");
    return dir;
}

tests::CliRun run(const std::string& args) {
    return tests::cli_run(scratch(), args);
}

// The small dataset as a file in the scratch directory.
std::string dataset_file() {
    const std::string p = (scratch() / "small.json").string();
    tests::cli_file_write(p, data::data_dataset_to_json(dataset_small(40, 1, 4, 9)));
    return p;
}

} // namespace

TEST_CASE("train --recipe paper writes the run and its R_hat", "[recipe][cli]") {
    const std::string d = dataset_file(), out = (scratch() / "run.json").string();
    const auto r = run("train " + d + " --kernel 2x2 --channels 2 --recipe paper --seed 3 " +
                       "--max-epochs 1500 -o " + out);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(tests::cli_file_read(out));
    CHECK(j["format"] == "convcert-recipe-run");
    CHECK(j["epochs"] == 1500);
    CHECK(j["kernel_shape"] == nlohmann::json::array({2, 2}));
    // R̂ from the file's own network and the dataset: ||θ||² / min_i y_i <W, x_i>.
    const data::Dataset ds = dataset_small(40, 1, 4, 9);
    double norm2 = 0;
    for (double a : j["final"]["u"])
        norm2 += a * a;
    for (double a : j["final"]["v"])
        norm2 += a * a;
    const std::vector<double> W = j["final"]["W"];
    double mn = INFINITY;
    for (long i = 0; i < ds.n(); ++i) {
        double s = 0;
        for (long k = 0; k < ds.D; ++k)
            s += W[static_cast<std::size_t>(k)] * data::data_sample_value(ds, i, k);
        mn = std::min(mn, ds.y[static_cast<std::size_t>(i)] * s);
    }
    REQUIRE(mn > 0);
    CHECK(j["R_hat_ours"].get<double>() == Approx(norm2 / mn).epsilon(1e-9));
    CHECK(j["R_hat_paper"].get<double>() == Approx(std::sqrt(20.0) * norm2 / mn).epsilon(1e-9));
    CHECK(j["initial"]["u"].size() == 8);
    const auto again = tests::cli_file_read(out);
    REQUIRE(run("train " + d + " --kernel 2x2 --channels 2 --recipe paper --seed 3 " +
                "--max-epochs 1500 -o " + out)
                .exit_code == 0);
    CHECK(tests::cli_file_read(out) == again); // deterministic
}

TEST_CASE("train --recipe paper refuses options that do not apply", "[recipe][cli]") {
    const std::string d = dataset_file(), out = (scratch() / "bad.json").string();
    for (const std::string extra :
         {"--recipe paper --lr 1", "--recipe paper --steps 10", "--recipe paper --loss exp",
          "--schedule constant --recipe paper", "--recipe paper --init 0.1",
          "--recipe paper --checkpoints 3", "--max-epochs 5", "--recipe sgd",
          "--recipe paper --max-epochs -1"}) {
        fs::remove(out);
        const auto r = run("train " + d + " --kernel 2 --channels 1 " + extra + " -o " + out);
        INFO(extra << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(tests::cli_count_lines(r.err) == 1);
        CHECK_FALSE(fs::exists(out));
    }
}
