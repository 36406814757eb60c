// A regularizer instance from a NumPy array (`convcert regularizer --npy W.npy --kernel K`): w of
// shape (D), (D1, D2), (R, D) or (R, D1, D2), every value kept exactly (a float is a dyadic
// rational), then the checks of regularizer_instance_from_json.
#pragma once

#include "regularizer/input/regularizer_input.h"
#include "support/npy_read.h"

namespace convcert::regularizer {

/// The instance of w for the kernel shape `kernel`: shape (D) is one 1-D signal, (R, D1, D2) R
/// images; a two-dimensional array is one image (D1, D2) when the kernel is written K1xK2 and R
/// 1-D signals (R, D) when it is written K. Throws support::InputError (one line) on other
/// shapes and on whatever regularizer_instance_from_json refuses (sizes, limits).
RegularizerInstance regularizer_instance_from_npy(const support::NpyArray& w,
                                                  const support::KernelSpec& kernel);

} // namespace convcert::regularizer
