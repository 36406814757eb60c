// EDGE ADAPTER, removed with regularizer/network_multi.cpp: the old header of the R >= 1
// least-norm entry point, now declared in least_norm_strings.h (see least_norm.h).
#pragma once

#include "regularizer/exact/least_norm_strings.h"
