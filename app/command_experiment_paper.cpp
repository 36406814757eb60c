// `convcert experiment paper-mnist DATA.json|X.npy Y.npy [--quick | --full] [--shard i/N]
// [--max-epochs E]
// [--out DIR]`: the paper's training grid (experiment/paper_mnist.h), resumable and splittable,
// and its report (experiment/paper_mnist_report.h); `--merge --out DIR` builds the report only.
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/file_read_bounded.h"
#include "data/dataset_npy.h"
#include "experiment/paper_mnist.h"
#include "experiment/paper_mnist_report.h"

#include <cstdio>
#include <iostream>

namespace convcert::app {

namespace {

const char* kPaperHelp =
    R"HELP(usage: convcert experiment paper-mnist DATA.json [--quick | --full] [--shard i/N]
                     [--max-epochs E] [--out DIR]
       convcert experiment paper-mnist X.npy Y.npy [options as above]
       convcert experiment paper-mnist --merge [--out DIR]

The paper's MNIST grid on the dataset DATA.json (convcert dataset writes one) or on the NumPy
pair X.npy Y.npy, read as `convcert dataset npy X.npy Y.npy` reads it (any images, e.g. the
paper's third_party/paper-mnist/train_{x,y}.npy, or CIFAR's with R = 3): K in {1, 3, 8,
16, 28} (K×K kernels on 2-D data; kernels larger than the data are skipped) × C in {1, 2, 4, 8},
each cell trained by `convcert train --recipe paper` and kept as DIR/runs/K<K>-C<C>-seed<S>.json
(default DIR: convcert-experiment-paper-mnist). --quick (default): one trial (seed 1) per cell,
at most 5000 epochs. --full: 10 trials (seeds 1..10), at most 100000 epochs. --max-epochs E
overrides the cap. Resumable: a cell whose RUN.json exists and matches (dataset name, K, C,
seed, cap) is not redone. --shard i/N runs the i-th of N disjoint parts (cells in the order K,
C, seed; index ≡ i - 1 mod N). Prints one line per cell: K C seed epochs R_hat (paper's units)
and new or cached. Without --shard (or with 1/1) it then writes the report: DIR/report.md,
DIR/report.html and DIR/figures/*.png (gnuplot): the paper's Table 1 beside our R̂ (mean ± std
per K and C), the certified optimum from DIR/certificates/maxmargin-K<K>.json and each trained
predictor's certified cost from DIR/certificates/regularizer-K<K>-C<C>-seed<S>.json when those
files exist (each checked first; a failing one is shown as FAILED), and |w| and |DFT w| heat
maps. --merge builds the report from the RUN.json files under DIR/runs (shards copied
together) without training. See docs/paper-mnist.md.
Exit codes: 0 done, 2 usage error or bad input, 3 a file could not be written or gnuplot
failed.
)HELP";

// "i/N" with 1 <= i <= N; false (message printed) otherwise.
bool paper_shard_parse(const std::string& v, experiment::PaperGridOptions& o) {
    const auto slash = v.find('/');
    const std::string what = "--shard needs i/N with 1 <= i <= N";
    if (slash == std::string::npos) {
        std::cerr << "convcert experiment: " << what << "\n";
        return false;
    }
    if (!argument_integer(v.substr(slash + 1), 1, 1000000, o.shards, "experiment", what) ||
        !argument_integer(v.substr(0, slash), 1, o.shards, o.shard, "experiment", what))
        return false;
    return true;
}

// Options after the dataset; false (message printed) on a usage error.
bool paper_arguments_parse(const std::vector<std::string>& args, std::size_t first,
                           experiment::PaperGridOptions& o) {
    bool quick = false;
    for (std::size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--quick" || a == "--full") {
            (a == "--quick" ? quick : o.full) = true;
            continue;
        }
        const std::string* v = argument_value(args, i, "experiment", a);
        if (!v) return false;
        if (a == "--out") {
            o.out = *v;
        } else if (a == "--shard") {
            if (!paper_shard_parse(*v, o)) return false;
        } else if (a == "--max-epochs") {
            if (!argument_integer(*v, 0, 100000000, o.max_epochs, "experiment",
                                  "--max-epochs needs an integer >= 0"))
                return false;
        } else {
            std::cerr << "convcert experiment: unknown option '" << a << "'\n";
            return false;
        }
    }
    if (quick && o.full) {
        std::cerr << "convcert experiment: --quick and --full exclude each other\n";
        return false;
    }
    return true;
}

// True when the path names a NumPy file (".npy").
bool paper_is_npy(const std::string& path) {
    return path.size() > 4 && path.compare(path.size() - 4, 4, ".npy") == 0;
}

// The dataset: DATA.json, or the pair X.npy Y.npy read as `convcert dataset npy` reads it (same
// name, so the cells of either input are the same); false (message printed) if unreadable or
// invalid.
bool paper_dataset_read(const std::vector<std::string>& files, data::Dataset& d) {
    try {
        if (files.size() == 2)
            d = data::data_dataset_npy_files(files[0], files[1]);
        else
            d = data::data_dataset_from_json(file_read_bounded(files[0], 1L << 30));
    } catch (const std::exception& e) {
        std::cerr << "convcert experiment: " << files[0] << ": " << e.what() << "\n";
        return false;
    }
    return true;
}

// The report of DIR; the exit code (messages printed).
int paper_report_run(const std::string& dir) {
    try {
        experiment::paper_report_write(dir);
    } catch (const std::invalid_argument& e) {
        std::cerr << "convcert experiment: " << e.what() << "\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "convcert experiment: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    std::printf("report: %s/report.md %s/report.html\n", dir.c_str(), dir.c_str());
    return kExitOk;
}

// `--merge [--out DIR]`; the exit code.
int paper_merge_run(const std::vector<std::string>& args) {
    std::string dir = experiment::PaperGridOptions().out;
    for (std::size_t i = 2; i < args.size(); ++i) {
        if (args[i] != "--out") {
            std::cerr << "convcert experiment: --merge takes only --out DIR, not '" << args[i]
                      << "'\n";
            return kExitUsage;
        }
        const std::string* v = argument_value(args, i, "experiment", args[i]);
        if (!v) return kExitUsage;
        dir = *v;
    }
    return paper_report_run(dir);
}

} // namespace

int command_experiment_paper_mnist(const std::vector<std::string>& args) {
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h") {
        (args.size() < 2 ? std::cerr : std::cout) << kPaperHelp;
        return args.size() < 2 ? kExitUsage : kExitOk;
    }
    if (args[1] == "--merge") return paper_merge_run(args);
    experiment::PaperGridOptions o;
    data::Dataset d;
    std::vector<std::string> files = {args[1]};
    if (paper_is_npy(args[1])) {
        if (args.size() < 3 || !paper_is_npy(args[2])) {
            std::cerr << "convcert experiment: X.npy needs its labels Y.npy next\n";
            return kExitUsage;
        }
        files.push_back(args[2]);
    }
    if (!paper_arguments_parse(args, files.size() + 1, o) || !paper_dataset_read(files, d))
        return kExitUsage;
    experiment::PaperGridResult r;
    try {
        r = experiment::paper_grid_run(d, o);
    } catch (const std::exception& e) {
        std::cerr << "convcert experiment: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    for (const auto& n : r.notes)
        std::cerr << "convcert experiment: note: " << n << "\n";
    for (const auto& c : r.cells)
        std::printf("K %ld C %ld seed %llu epochs %ld R_hat %.6g %s\n", c.K, c.C, c.seed, c.epochs,
                    c.r_hat_paper, c.cached ? "cached" : "new");
    std::fflush(stdout);
    return o.shards == 1 ? paper_report_run(o.out) : kExitOk;
}

} // namespace convcert::app
