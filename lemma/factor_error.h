// The one exception type of the generator: a factorization that could not be produced,
// with a one-line reason meant for the user (for example "q has roots on the unit circle").
#pragma once

#include <stdexcept>

namespace convcert::lemma {

class FactorError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

} // namespace convcert::lemma
