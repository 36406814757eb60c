// `convcert train DATA.json --kernel K --channels C [...] [-o RUN.json]`: full-batch gradient
// descent on the linear CNN (train/gd.h), writing checkpoints and final weights.
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/file_read_bounded.h"
#include "data/dataset.h"
#include "support/atomic_file.h"
#include "train/gd.h"
#include "train/run_json.h"

#include <cmath>
#include <cstdlib>
#include <iostream>

namespace convcert::app {

namespace {

const char* kTrainHelp =
    R"HELP(usage: convcert train DATA.json --kernel K --channels C [--steps N] [--lr LR]
                 [--loss logistic|exp] [--schedule normalized|constant] [--init S]
                 [--seed S] [--checkpoints M] [-o RUN.json]

Full-batch gradient descent on the 2-layer linear CNN of MATH.md (circular convolution via
FFTW) for the dataset DATA.json (convcert dataset writes one). Inputs are scaled by
1/max_i ||x_i||. Writes RUN.json (docs/datasets.md): about M geometrically spaced checkpoints
with loss, ||theta||^2, normalized margin min_i y_i f(x_i)/||theta||^2 and the predictor
direction W/||W||, then the final u, v and W. Deterministic for a seed.
  --schedule normalized (default): theta -= LR * grad(log L) / max(1, ||theta||^2)
  --schedule constant: theta -= LR * grad(L)
Defaults: --steps 2000 --lr 4 --loss exp --init 0.1 --seed 1 --checkpoints 40.
Exit codes: 0 written, 2 usage error or bad input.
)HELP";

} // namespace

int command_train(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? std::cerr : std::cout) << kTrainHelp;
        return args.empty() ? kExitUsage : kExitOk;
    }
    std::string input = args[0], output;
    train::GdOptions o;
    long K = 0, C = 0;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        const std::string* v = argument_value(args, i, "train", a);
        if (!v) return kExitUsage;
        long n = 0;
        if (a == "-o" || a == "--output") {
            output = *v;
        } else if (a == "--kernel" || a == "--channels" || a == "--steps" || a == "--seed" ||
                   a == "--checkpoints") {
            if (!argument_integer(*v, a == "--steps" ? 0 : 1, 100000000, n, "train",
                                  a + " needs a positive integer"))
                return kExitUsage;
            if (a == "--kernel") K = n;
            if (a == "--channels") C = n;
            if (a == "--steps") o.steps = n;
            if (a == "--seed") o.seed = static_cast<unsigned long long>(n);
            if (a == "--checkpoints") o.checkpoints = n;
        } else if (a == "--lr" || a == "--init") {
            char* end = nullptr;
            const double x = std::strtod(v->c_str(), &end);
            if (end == v->c_str() || *end || !(x > 0) || !std::isfinite(x)) {
                std::cerr << "convcert train: " << a << " needs a positive number\n";
                return kExitUsage;
            }
            (a == "--lr" ? o.lr : o.init_scale) = x;
        } else if (a == "--loss") {
            if (*v == "logistic") {
                o.loss = train::GdLoss::Logistic;
            } else if (*v == "exp") {
                o.loss = train::GdLoss::Exponential;
            } else {
                std::cerr << "convcert train: --loss must be logistic or exp\n";
                return kExitUsage;
            }
        } else if (a == "--schedule") {
            if (*v == "normalized") {
                o.schedule = train::GdSchedule::Normalized;
            } else if (*v == "constant") {
                o.schedule = train::GdSchedule::Constant;
            } else {
                std::cerr << "convcert train: --schedule must be normalized or constant\n";
                return kExitUsage;
            }
        } else {
            std::cerr << "convcert train: unknown option '" << a << "'\n";
            return kExitUsage;
        }
    }
    if (K == 0 || C == 0) {
        std::cerr << "convcert train: --kernel and --channels are required\n";
        return kExitUsage;
    }
    o.K = K;
    o.C = C;
    data::Dataset d;
    try {
        d = data::data_dataset_from_json(file_read_bounded(input, 1L << 30));
    } catch (const std::exception& e) {
        std::cerr << "convcert train: " << input << ": " << e.what() << "\n";
        return kExitUsage;
    }
    if (K > d.D) {
        std::cerr << "convcert train: --kernel must be <= D = " << d.D << "\n";
        return kExitUsage;
    }
    train::GdRun run;
    try {
        run = train::gd_train(d, o);
    } catch (const std::exception& e) {
        std::cerr << "convcert train: " << e.what() << "\n";
        return kExitUsage;
    }
    const auto& last = run.checkpoints.back();
    std::cerr << "convcert train: " << o.steps << " steps in " << run.seconds << " s, log loss "
              << last.log_loss << ", normalized margin " << last.margin << "\n";
    return support::output_write("train", output, train::gd_run_to_json(run, d.name)) ? kExitOk
                                                                                      : kExitUsage;
}

} // namespace convcert::app
