// `convcert train DATA.json --kernel K|K1xK2 --channels C [...] [-o RUN.json]`: full-batch
// gradient descent on the linear CNN (train/gd.h), 1-D or 2-D as the dataset's shape says,
// writing checkpoints and final weights; with `--recipe paper`, the paper's minibatch SGD
// recipe instead (train/recipe_paper.h).
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/file_read_bounded.h"
#include "data/dataset.h"
#include "data/dataset_grid.h"
#include "support/atomic_file.h"
#include "support/grid_input.h"
#include "train/gd.h"
#include "train/recipe_json.h"
#include "train/recipe_paper.h"
#include "train/run_json.h"

#include <cmath>
#include <cstdlib>
#include <iostream>

namespace convcert::app {

namespace {

const char* kTrainHelp =
    R"HELP(usage: convcert train DATA.json --kernel K|K1xK2 --channels C [--steps N] [--lr LR]
                 [--loss logistic|exp] [--schedule normalized|constant] [--init S]
                 [--seed S] [--checkpoints M] [-o RUN.json]

Full-batch gradient descent on the 2-layer linear CNN of MATH.md (circular convolution via
FFTW) for the dataset DATA.json (convcert dataset writes one). Inputs are scaled by
1/max_i ||x_i||. Writes RUN.json (docs/datasets.md): about M geometrically spaced checkpoints
with loss, ||theta||^2, normalized margin min_i y_i f(x_i)/||theta||^2 and the predictor
direction W/||W||, then the final u, v and W. Deterministic for a seed.
A dataset with "shape": [D1, D2] trains 2-D circular convolutions (2-D FFTs) with K1xK2
kernels; --kernel K on such data means KxK. RUN.json then has "shape" and "kernel_shape".
  --schedule normalized (default): theta -= LR * grad(log L) / max(1, ||theta||^2)
  --schedule constant: theta -= LR * grad(L)
Defaults: --steps 2000 --lr 4 --loss exp --init 0.1 --seed 1 --checkpoints 40.

       convcert train DATA.json --kernel K|K1xK2 --channels C --recipe paper [--seed S]
                 [--max-epochs E] [-o RUN.json]

The paper's training recipe (docs/datasets.md, "The paper's recipe"): the unscaled samples,
mean exponential loss on minibatches of 32 in file order, SGD with momentum 0.3, learning rate
0.001 raised at epochs 500 ... 5000 (momentum restarted at each change), PyTorch's default
initialization times 0.001 drawn from std::mt19937_64(S) (not PyTorch's RNG); stops at the first
check (every 100 epochs) where the mean loss is <= 1e-6, or after E epochs (default 100000).
RUN.json has the epochs, the final loss, min margin, R_hat in the paper's units and ours, and
the initial and final networks. --steps, --lr, --loss, --schedule, --init and --checkpoints do
not apply to it.
Exit codes: 0 written, 2 usage error or bad input.
)HELP";

// The parsed command line.
struct TrainArguments {
    std::string input, output;
    train::GdOptions o;
    bool kernel = false;
    long C = 0;
    bool recipe = false;   ///< --recipe paper
    long max_epochs = -1;  ///< --max-epochs (recipe only); -1 when absent
    std::string gd_option; ///< the first full-batch-only option given, if any
};

// --channels, --steps, --seed, --checkpoints; false (message printed) if bad.
bool train_integer_parse(const std::string& a, const std::string& v, TrainArguments& ta) {
    long n = 0;
    const long lo = a == "--steps" || a == "--max-epochs" ? 0 : 1;
    if (!argument_integer(v, lo, 100000000, n, "train",
                          a + (lo ? " needs a positive integer" : " needs an integer >= 0")))
        return false;
    if (a == "--channels") ta.C = n;
    if (a == "--steps") ta.o.steps = n;
    if (a == "--seed") ta.o.seed = static_cast<unsigned long long>(n);
    if (a == "--checkpoints") ta.o.checkpoints = n;
    if (a == "--max-epochs") ta.max_epochs = n;
    return true;
}

// --kernel K or K1xK2; false (message printed) if bad.
bool train_kernel_parse(const std::string& v, TrainArguments& ta) {
    try {
        ta.o.kernel = support::kernel_spec_parse(v, "--kernel");
    } catch (const std::exception& e) {
        std::cerr << "convcert train: " << e.what() << "\n";
        return false;
    }
    ta.kernel = true;
    return true;
}

// --lr, --init: a positive finite number; false (message printed) if not.
bool train_positive_parse(const std::string& a, const std::string& v, TrainArguments& ta) {
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    if (end == v.c_str() || *end || !(x > 0) || !std::isfinite(x)) {
        std::cerr << "convcert train: " << a << " needs a positive number\n";
        return false;
    }
    (a == "--lr" ? ta.o.lr : ta.o.init_scale) = x;
    return true;
}

// `flag` with value `v`, one of the names a or b: the matching value into out; false (message
// printed) otherwise.
template <class E>
bool train_choice_parse(const std::string& flag, const std::string& v, const char* a, E value_a,
                        const char* b, E value_b, E& out) {
    if (v != a && v != b) {
        std::cerr << "convcert train: " << flag << " must be " << a << " or " << b << "\n";
        return false;
    }
    out = v == a ? value_a : value_b;
    return true;
}

// --recipe NAME: only "paper"; false (message printed) otherwise.
bool train_recipe_parse(const std::string& v, TrainArguments& ta) {
    if (v != "paper") {
        std::cerr << "convcert train: --recipe must be paper\n";
        return false;
    }
    ta.recipe = true;
    return true;
}

// One option `a` with its value `v`; false (message printed) on a bad value or unknown option.
bool train_option_parse(const std::string& a, const std::string& v, TrainArguments& ta) {
    if (a == "-o" || a == "--output") {
        ta.output = v;
        return true;
    }
    if (a == "--recipe") return train_recipe_parse(v, ta);
    if (a == "--max-epochs") return train_integer_parse(a, v, ta);
    if (ta.gd_option.empty() && a != "--kernel" && a != "--channels" && a != "--seed")
        ta.gd_option = a;
    if (a == "--kernel") return train_kernel_parse(v, ta);
    if (a == "--channels" || a == "--steps" || a == "--seed" || a == "--checkpoints")
        return train_integer_parse(a, v, ta);
    if (a == "--lr" || a == "--init") return train_positive_parse(a, v, ta);
    if (a == "--loss")
        return train_choice_parse(a, v, "logistic", train::GdLoss::Logistic, "exp",
                                  train::GdLoss::Exponential, ta.o.loss);
    if (a == "--schedule")
        return train_choice_parse(a, v, "normalized", train::GdSchedule::Normalized, "constant",
                                  train::GdSchedule::Constant, ta.o.schedule);
    std::cerr << "convcert train: unknown option '" << a << "'\n";
    return false;
}

// args[0] is the input; false (message printed) on any usage error.
bool train_arguments_parse(const std::vector<std::string>& args, TrainArguments& ta) {
    ta.input = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        const std::string* v = argument_value(args, i, "train", a);
        if (!v || !train_option_parse(a, *v, ta)) return false;
    }
    if (!ta.kernel || ta.C == 0) {
        std::cerr << "convcert train: --kernel and --channels are required\n";
        return false;
    }
    if (ta.recipe && !ta.gd_option.empty()) {
        std::cerr << "convcert train: " << ta.gd_option << " does not apply to --recipe paper\n";
        return false;
    }
    if (!ta.recipe && ta.max_epochs >= 0) {
        std::cerr << "convcert train: --max-epochs needs --recipe paper\n";
        return false;
    }
    ta.o.C = ta.C;
    return true;
}

// The dataset of the input file, with a kernel that fits its shape; false (message printed) if
// not.
bool train_dataset_read(const TrainArguments& ta, data::Dataset& d) {
    try {
        d = data::data_dataset_from_json(file_read_bounded(ta.input, 1L << 30));
    } catch (const std::exception& e) {
        std::cerr << "convcert train: " << ta.input << ": " << e.what() << "\n";
        return false;
    }
    try {
        data::data_dataset_grid(d, ta.o.kernel);
    } catch (const std::exception& e) {
        std::cerr << "convcert train: " << ta.input << ": " << e.what() << "\n";
        return false;
    }
    return true;
}

// The paper's recipe on d, RUN.json written; an exit code.
int train_recipe_run(const TrainArguments& ta, const data::Dataset& d) {
    train::RecipeOptions o;
    o.kernel = ta.o.kernel;
    o.C = ta.C;
    o.seed = ta.o.seed;
    if (ta.max_epochs >= 0) o.max_epochs = ta.max_epochs;
    train::RecipeRun run;
    try {
        run = train::recipe_paper_train(d, o);
    } catch (const std::exception& e) {
        std::cerr << "convcert train: " << e.what() << "\n";
        return kExitUsage;
    }
    std::cerr << "convcert train: recipe paper, " << run.epochs << " epochs in " << run.seconds
              << " s, mean loss " << run.final_loss << ", min margin " << run.min_margin
              << ", R_hat " << train::recipe_r_hat_ours(run) * std::sqrt(static_cast<double>(run.D))
              << " (paper's units), " << train::recipe_r_hat_ours(run) << " (ours)\n";
    return support::output_write("train", ta.output, train::recipe_run_to_json(run, d.name))
               ? kExitOk
               : kExitUsage;
}

} // namespace

int command_train(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? std::cerr : std::cout) << kTrainHelp;
        return args.empty() ? kExitUsage : kExitOk;
    }
    TrainArguments ta;
    data::Dataset d;
    if (!train_arguments_parse(args, ta) || !train_dataset_read(ta, d)) return kExitUsage;
    if (ta.recipe) return train_recipe_run(ta, d);
    train::GdRun run;
    try {
        run = train::gd_train(d, ta.o);
    } catch (const std::exception& e) {
        std::cerr << "convcert train: " << e.what() << "\n";
        return kExitUsage;
    }
    const auto& last = run.checkpoints.back();
    std::cerr << "convcert train: " << ta.o.steps << " steps in " << run.seconds << " s, log loss "
              << last.log_loss << ", normalized margin " << last.margin << "\n";
    return support::output_write("train", ta.output, train::gd_run_to_json(run, d.name))
               ? kExitOk
               : kExitUsage;
}

} // namespace convcert::app
