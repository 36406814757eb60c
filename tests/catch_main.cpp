// The one Catch2 main shared by every test binary. Like the convcert program (app/main.cpp), it
// runs BLAS on one thread (maxmargin/blas_threads.h) so that generator results are reproducible.
#define CATCH_CONFIG_RUNNER
#include "maxmargin/blas_threads.h"

#include <catch2/catch.hpp>

int main(int argc, char** argv) {
    convcert::maxmargin::maxmargin_blas_threads_set_one();
    return Catch::Session().run(argc, argv);
}
