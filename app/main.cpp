// convcert: certified spectral factorization (the Lemma of Jagadeesan, Razenshteyn and
// Gunasekar, COLT 2022). Dispatches the subcommands; see `convcert --help`.
#include "app/commands.h"

#include <iostream>
#include <string>
#include <vector>

namespace {

const char* kHelp = R"HELP(usage: convcert COMMAND [ARGS]

commands:
  factor INPUT.json [-o CERT.json] [--method exact|enclosure|auto] [--digits N]
             certify that sum_i a_i * a_i = c * c for some real c (untrusted generator)
  regularizer W.json --kernel K [-o CERT.json]
             certify lower <= R_{K,C}(w) <= upper for every C (single-channel inputs)
  separate W.json --kernel K1xK2 [-o CERT.json]
             certify that one channel is not enough for a 2-D w: R_{K,1}(w) > R_{K,2}(w)
  check CERT.json...
             re-verify certificates with the independent checker kernel
  collapse NET.json [-o CERT.json]
             collapse a C-channel network (single-channel inputs) to one channel that
             realizes the same w at no higher cost, with a network-collapse certificate
  coq CERT.json [-o FILE.v]
             write a Coq instance proof of a certificate (checked by coqc against proofs/)
  reproduce [--out DIR] [--full] [--seed N] [--jobs J]
             run every claim of the paper, certified and re-checked, with a report
  dataset mnist|fashion|cifar|synthetic [options] [-o DATA.json]
             a binary-task dataset file (pooled, flattened 1-D signals)
  train DATA.json --kernel K --channels C [-o RUN.json]
             full-batch gradient descent on the linear CNN (FFTW), checkpoints of w/||w||
  maxmargin DATA.json --kernel K [-o CERT.json]
             certify the value of min R_{K,C}(W) s.t. every margin y_i <W, x_i> >= 1
  experiment gd [--quick] [--out DIR]
             gradient descent for C = 1, 2, 4, 8 against the certified max-margin predictor
  demo [--out DIR]
             factor two embedded instances and check their certificates

`convcert COMMAND --help` describes one command. Exit codes: 0 success / all valid,
1 a certificate is invalid, 2 usage error or bad input, 3 no certificate could be built.
)HELP";

} // namespace

int main(int argc, char** argv) {
    using namespace convcert::app;
    if (argc < 2) {
        std::cerr << kHelp;
        return kExitUsage;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kHelp;
        return kExitOk;
    }
    if (command == "--version") {
        std::cout << "convcert 0.1.0\n";
        return kExitOk;
    }
    if (command == "factor") return command_factor(args);
    if (command == "check") return command_check(args);
    if (command == "demo") return command_demo(args);
    if (command == "regularizer") return command_regularizer(args);
    if (command == "collapse") return command_collapse(args);
    if (command == "coq") return command_coq(args);
    if (command == "reproduce") return command_reproduce(args);
    if (command == "dataset") return command_dataset(args);
    if (command == "train") return command_train(args);
    if (command == "maxmargin") return command_maxmargin(args);
    if (command == "experiment") return command_experiment(args);
    if (command == "separate") return command_separate(args);
    std::cerr << "convcert: unknown command '" << command << "' (see convcert --help)\n";
    return kExitUsage;
}
