// The CSDP binary as a subprocess (see csdp_run.h).
#include "bench/peers/csdp_run.h"

#include "support/stopwatch.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace convcert::regularizer {

namespace {

/// The number after `label` on the first line containing it, if any.
bool find_value(const std::string& text, const std::string& label, double& value) {
    const auto at = text.find(label);
    if (at == std::string::npos) return false;
    const char* begin = text.c_str() + at + label.size();
    char* end = nullptr;
    value = std::strtod(begin, &end);
    return end != begin;
}

} // namespace

RegularizerCsdpRun regularizer_csdp_run(const std::string& problem_path, const std::string& workdir,
                                        double timeout_seconds, int threads) {
    if (access(kCsdpPath, X_OK) != 0)
        throw std::runtime_error(std::string(kCsdpPath) +
                                 " is not executable (scripts/setup.sh installs coinor-csdp)");
    const std::string out_path = workdir + "/csdp.out";
    // The child's environment, built before fork (the child only calls async-signal-safe
    // functions until execve).
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string var = *e;
        if (threads > 0 &&
            (var.rfind("OMP_NUM_THREADS=", 0) == 0 || var.rfind("OPENBLAS_NUM_THREADS=", 0) == 0))
            continue;
        env.push_back(var);
    }
    if (threads > 0) {
        env.push_back("OMP_NUM_THREADS=" + std::to_string(threads));
        env.push_back("OPENBLAS_NUM_THREADS=" + std::to_string(threads));
    }
    std::vector<char*> envp;
    for (auto& var : env)
        envp.push_back(var.data());
    envp.push_back(nullptr);
    std::vector<char*> argv = {const_cast<char*>(kCsdpPath),
                               const_cast<char*>(problem_path.c_str()), nullptr};
    RegularizerCsdpRun run;
    const support::Stopwatch watch;
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("regularizer_csdp_run: fork failed");
    if (pid == 0) {
        if (chdir(workdir.c_str()) != 0) _exit(126);
        const int fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) _exit(126);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        close(fd);
        execve(kCsdpPath, argv.data(), envp.data());
        _exit(127);
    }
    int status = 0;
    for (;;) {
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0) throw std::runtime_error("regularizer_csdp_run: waitpid failed");
        const double elapsed = watch.seconds();
        if (timeout_seconds > 0 && elapsed > timeout_seconds) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            run.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    run.seconds = watch.seconds();
    if (!run.timed_out && WIFEXITED(status)) {
        run.ran = true;
        run.exit_code = WEXITSTATUS(status);
    }
    std::ifstream in(out_path);
    std::ostringstream text;
    text << in.rdbuf();
    run.output = text.str();
    run.parsed = find_value(run.output, "Primal objective value:", run.primal_objective) &&
                 find_value(run.output, "Dual objective value:", run.dual_objective);
    return run;
}

} // namespace convcert::regularizer
