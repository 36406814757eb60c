// The program's BLAS thread policy: SDPA's BLAS runs on one thread, set inside the program, so
// that the solver's floating-point results (and so the certificates' bytes) do not depend on
// the machine's core count or on OPENBLAS_NUM_THREADS. regularizer_sdpa_run (the one SDPA entry
// point) applies it before every solve. Generator side only; the checker uses no BLAS.
#pragma once

namespace convcert::support {

/// Calls openblas_set_num_threads(1) when the process's BLAS is OpenBLAS (the symbol is looked
/// up with dlsym, so any BLAS links, e.g. Debian's reference BLAS, which has no threads); does
/// nothing otherwise. Returns true iff OpenBLAS was found. Not to be called while another thread
/// runs BLAS (regularizer_sdpa_run calls it under its solve lock); calling it again is harmless.
bool blas_threads_set_one();

} // namespace convcert::support
