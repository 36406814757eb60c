// The subcommands of the convcert tool. Each returns the process exit code:
// 0 success / all valid, 1 a certificate is invalid, 2 usage error or bad input,
// 3 the generator could not produce a certificate for a valid input, 4 a certificate lies beyond
// the checker's documented resource limits (undecided: neither valid nor invalid).
#pragma once

#include <string>
#include <vector>

namespace convcert::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitGeneratorFailed = 3;
inline constexpr int kExitUndecided = 4;

int command_factor(const std::vector<std::string>& args);
int command_check(const std::vector<std::string>& args);
int command_demo(const std::vector<std::string>& args);
int command_regularizer(const std::vector<std::string>& args);
int command_collapse(const std::vector<std::string>& args);
int command_coq(const std::vector<std::string>& args);
int command_reproduce(const std::vector<std::string>& args);
int command_dataset(const std::vector<std::string>& args);
int command_train(const std::vector<std::string>& args);
int command_maxmargin(const std::vector<std::string>& args);
int command_experiment(const std::vector<std::string>& args);
int command_experiment_paper_mnist(const std::vector<std::string>& args);
int command_separate(const std::vector<std::string>& args);

} // namespace convcert::app
