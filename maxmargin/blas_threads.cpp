// One BLAS thread for OpenBLAS, found at run time (see blas_threads.h).
#include "maxmargin/blas_threads.h"

#include <dlfcn.h>

namespace convcert::maxmargin {

bool maxmargin_blas_threads_set_one() {
    using SetThreads = void (*)(int);
    void* symbol = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (symbol == nullptr) return false;
    reinterpret_cast<SetThreads>(symbol)(1);
    return true;
}

} // namespace convcert::maxmargin
