// One BLAS thread for OpenBLAS, found at run time (see blas_threads.h).
#include "support/blas_threads.h"

#include <dlfcn.h>

namespace convcert::support {

bool blas_threads_set_one() {
    using SetThreads = void (*)(int);
    static void* const symbol = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (symbol == nullptr) return false;
    reinterpret_cast<SetThreads>(symbol)(1);
    return true;
}

} // namespace convcert::support
