// `convcert experiment paper-mnist DATA.json|X.npy Y.npy [--quick | --full] [--shard i/N]
// [--max-epochs E] [--kernels L] [--channels L] [--certify ...] [--out DIR]`: the paper's
// training grid (experiment/paper_mnist.h), resumable and splittable, its certificates
// (experiment/paper_mnist_certify.h) and its report (experiment/paper_mnist_report.h);
// `--merge --out DIR` builds the report only.
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/file_read_bounded.h"
#include "data/dataset_npy.h"
#include "experiment/paper_mnist.h"
#include "experiment/paper_mnist_certify.h"
#include "experiment/paper_mnist_report.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>

namespace convcert::app {

namespace {

// --certify and its kernel lists.
struct PaperCertifyRequest {
    bool on = false;
    experiment::PaperCertifyOptions options;
};

const char* kPaperHelp =
    R"HELP(usage: convcert experiment paper-mnist DATA.json [--quick | --full] [--shard i/N]
                     [--max-epochs E] [--kernels L] [--channels L] [--certify]
                     [--certify-kernels L] [--certify-regularizer-kernels L] [--out DIR]
       convcert experiment paper-mnist X.npy Y.npy [options as above]
       convcert experiment paper-mnist --merge [--out DIR]

The paper's MNIST grid on the dataset DATA.json (convcert dataset writes one) or on the NumPy
pair X.npy Y.npy, read as `convcert dataset npy X.npy Y.npy` reads it (any images, e.g. the
paper's third_party/paper-mnist/train_{x,y}.npy, or CIFAR's with R = 3): K in {1, 3, 8,
16, 28} (K×K kernels on 2-D data; kernels larger than the data are skipped) × C in {1, 2, 4, 8},
each cell trained by `convcert train --recipe paper` and kept as DIR/runs/K<K>-C<C>-seed<S>.json
(default DIR: convcert-experiment-paper-mnist). --quick (default): one trial (seed 1) per cell,
at most 5000 epochs. --full: 10 trials (seeds 1..10), at most 100000 epochs. --max-epochs E
overrides the cap. --kernels L and --channels L (comma-separated subsets of the grid's K and C,
e.g. 1,3) run only those cells. Resumable: a cell whose RUN.json exists and matches (dataset
name, K, C, seed, cap) is not redone. --shard i/N runs the i-th of N disjoint parts (cells in the order K,
C, seed; index ≡ i - 1 mod N). Prints one line per cell: K C seed epochs R_hat (paper's units)
and new or cached. Without --shard (or with 1/1) it then writes the report: DIR/report.md,
DIR/report.html and DIR/figures/*.png (gnuplot): the paper's Table 1 beside our R̂ (mean ± std
per K and C), the certified optimum from DIR/certificates/maxmargin-K<K>.json and each trained
predictor's certified cost from DIR/certificates/regularizer-K<K>-C<C>-seed<S>.json when those
files exist (each checked first; a failing one is shown as FAILED), and |w| and |DFT w| heat
maps.
--certify writes those certificates after training (atomically; a file that already passes
the check is kept, a missing or failing one is redone): maxmargin-K<K>.json per K (as
`convcert maxmargin`; minutes at 28x28 for K >= 3) and, per run, the regularizer bracket of
its predictor at unit margin, W / min_i y_i <W, x_i> (exact). --certify-kernels L limits the
max-margin certificates to the kernels L, --certify-regularizer-kernels L the runs'; either
implies --certify. Prints one line per certificate: its file, new / cached / skipped (a run
that does not separate) / FAILED and the bracket (paper's units). With --shard, a run's
certificate is made by the shard that trains the run, the j-th max-margin one by shard
j mod N + 1. --merge builds the report from DIR/runs and DIR/certificates (copy both from
every shard into DIR) without training. See docs/paper-mnist.md.
Exit codes: 0 done, 2 usage error or bad input, 3 a file could not be written, gnuplot
failed or a certificate failed (the report is still written).
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

// "a,b,c" with each value among `allowed`, no repeats; false (message printed) otherwise.
template <std::size_t N>
bool paper_list_parse(const std::string& v, const long (&allowed)[N], const std::string& option,
                      std::vector<long>& out) {
    std::string what = option + " needs a comma-separated subset of";
    for (long a : allowed)
        what += " " + std::to_string(a);
    out.clear();
    std::size_t at = 0;
    while (true) {
        const std::size_t comma = v.find(',', at);
        long x = 0;
        if (!argument_integer(v.substr(at, comma - at), 1, 1000000, x, "experiment", what))
            return false;
        if (std::find(std::begin(allowed), std::end(allowed), x) == std::end(allowed) ||
            std::find(out.begin(), out.end(), x) != out.end()) {
            std::cerr << "convcert experiment: " << what << "\n";
            return false;
        }
        out.push_back(x);
        if (comma == std::string::npos) return true;
        at = comma + 1;
    }
}

// A list option of the grid or of --certify; false (message printed) on a bad value.
bool paper_list_option(const std::string& a, const std::string& v, experiment::PaperGridOptions& o,
                       PaperCertifyRequest& c) {
    using experiment::kPaperChannels, experiment::kPaperKernels;
    if (a == "--channels") return paper_list_parse(v, kPaperChannels, a, o.channels);
    if (a == "--kernels") return paper_list_parse(v, kPaperKernels, a, o.kernels);
    c.on = true;
    return paper_list_parse(v, kPaperKernels, a,
                            a == "--certify-kernels" ? c.options.maxmargin_kernels
                                                     : c.options.regularizer_kernels);
}

// Options after the dataset; false (message printed) on a usage error.
bool paper_arguments_parse(const std::vector<std::string>& args, std::size_t first,
                           experiment::PaperGridOptions& o, PaperCertifyRequest& c) {
    bool quick = false;
    for (std::size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--quick" || a == "--full" || a == "--certify") {
            (a == "--quick" ? quick : a == "--full" ? o.full : c.on) = true;
            continue;
        }
        const std::string* v = argument_value(args, i, "experiment", a);
        if (!v) return false;
        if (a == "--out") {
            o.out = *v;
        } else if (a == "--shard") {
            if (!paper_shard_parse(*v, o)) return false;
        } else if (a == "--kernels" || a == "--channels" || a == "--certify-kernels" ||
                   a == "--certify-regularizer-kernels") {
            if (!paper_list_option(a, *v, o, c)) return false;
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

// Runs --certify, printing a line per certificate; the number that failed, -1 (message printed)
// when the certificates folder cannot be created.
long paper_certify_print(const data::Dataset& d, const experiment::PaperGridOptions& o,
                         const experiment::PaperCertifyOptions& c) {
    long failed = 0;
    const auto line = [&](const experiment::PaperCertifyItem& it) {
        using Outcome = experiment::PaperCertifyItem::Outcome;
        const bool valued = it.outcome == Outcome::Cached || it.outcome == Outcome::Written;
        failed += it.outcome == Outcome::Failed;
        std::printf("certificate %s %s", it.path.c_str(),
                    experiment::paper_certify_outcome_text(it).c_str());
        if (valued) std::printf(" [%.6g, %.6g] %.1f s", it.lower, it.upper, it.seconds);
        std::printf("\n");
        std::fflush(stdout);
    };
    try {
        experiment::paper_certify_run(d, o, c, line);
    } catch (const std::exception& e) {
        std::cerr << "convcert experiment: " << e.what() << "\n";
        return -1;
    }
    return failed;
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
    PaperCertifyRequest certify;
    if (!paper_arguments_parse(args, files.size() + 1, o, certify) || !paper_dataset_read(files, d))
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
    const long failed = certify.on ? paper_certify_print(d, o, certify.options) : 0;
    if (failed < 0) return kExitGeneratorFailed;
    const int code = o.shards == 1 ? paper_report_run(o.out) : kExitOk;
    if (code == kExitOk && failed > 0) {
        std::cerr << "convcert experiment: " << failed << " certificate(s) FAILED\n";
        return kExitGeneratorFailed;
    }
    return code;
}

} // namespace convcert::app
