"""Arrays at the edge: NumPy arrays (or nested lists) of real numbers checked and turned into
exact rationals, the strings convcert's input JSON uses, and back.

A float is a dyadic rational, so it converts exactly (Fraction(x)); integers and
fractions.Fraction objects are taken as they are. NaN, infinities, complex numbers, strings,
booleans and ragged lists are refused with a ValueError naming the array.
"""

from fractions import Fraction
import math
import numbers

import numpy as np

from .bigint import decimal_from_int, int_from_decimal


def array_rectangular(a, name):
    """np.asarray(a); ValueError naming `name` for ragged nested lists."""
    try:
        return np.asarray(a)
    except ValueError as e:
        raise ValueError(f"{name}: not a rectangular array ({e})") from None


def array_checked(a, name, ndims):
    """`a` as a NumPy array whose number of axes is in `ndims`, of real numbers.

    Float and integer dtypes are kept; an object array must hold ints, floats or Fractions
    (each element is checked). Raises ValueError with one line naming `name`.
    """
    arr = array_rectangular(a, name)
    if arr.dtype.kind not in "fiuO":
        raise ValueError(f"{name} has dtype {arr.dtype}; expected real numbers "
                         "(float, int or fractions.Fraction)")
    if arr.ndim not in ndims:
        want = " or ".join(str(n) for n in ndims)
        raise ValueError(f"{name} has {arr.ndim} axes (shape {arr.shape}); expected {want}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape})")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} holds NaN or infinite values")
    if arr.dtype.kind == "O":
        for x in arr.flat:
            rational_from_number(x, name)
    return arr


def rational_from_number(x, name):
    """The exact Fraction of one real number (int, float, Fraction, NumPy scalar)."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (numbers.Rational, float, np.floating)):
        raise ValueError(f"{name} holds {x!r} of type {type(x).__name__}; expected a real number")
    if isinstance(x, (float, np.floating)):
        if not np.isfinite(x):
            raise ValueError(f"{name} holds NaN or infinite values")
        return Fraction(float(x))
    return Fraction(x)


def integers_over_denominator(arr, name, bound=2 ** 53):
    """(numerators, den): the entries of a checked array exactly as integer numerators over one
    common denominator den, the lcm of their denominators (a power of two for float arrays:
    float32 and float64 values are dyadic rationals). numerators is an int64 array of arr's
    shape. ValueError when den or a numerator exceeds `bound` in absolute value (2^53, the
    dataset file's limit)."""
    if arr.dtype.kind in "iu":
        if int(arr.max()) > bound or int(arr.min()) < -bound:
            raise ValueError(f"{name} has an entry beyond 2^{bound.bit_length() - 1}")
        return arr.astype(np.int64), 1
    floats = arr.dtype.kind == "f"
    values = np.unique(arr.astype(np.float64)) if floats else set(arr.flat)
    den = math.lcm(*(rational_from_number(x, name).denominator for x in values))
    if den > bound:
        raise ValueError(f"{name}: the common denominator of its entries ({_size_text(den)}) "
                         f"exceeds 2^{bound.bit_length() - 1}")
    if floats:
        scaled = arr.astype(np.float64) * den  # exact: den is a power of two (inf on overflow)
        if not np.all(np.abs(scaled) <= bound):
            raise ValueError(f"{name}: over the common denominator {den} a numerator exceeds "
                             f"2^{bound.bit_length() - 1}")
        return scaled.astype(np.int64), den
    numerators = [rational_from_number(x, name) * den for x in arr.flat]
    if any(abs(q) > bound for q in numerators):
        raise ValueError(f"{name}: over the common denominator {den} a numerator exceeds "
                         f"2^{bound.bit_length() - 1}")
    return np.array([int(q) for q in numerators], dtype=np.int64).reshape(arr.shape), den


def _size_text(n):
    """2^k when n is a power of two, else "a k-bit number"."""
    return f"2^{n.bit_length() - 1}" if n & (n - 1) == 0 else f"a {n.bit_length()}-bit number"


def rational_string(q):
    """The input JSON's rational string: "p" or "p/q" (any number of digits)."""
    p = decimal_from_int(q.numerator)
    return p if q.denominator == 1 else f"{p}/{decimal_from_int(q.denominator)}"


def fraction_from_string(s):
    """The Fraction of a certificate's canonical rational "p" or "p/q" (any number of digits;
    Fraction(s) refuses more than 4300); other forms ("1.5") through Fraction(s)."""
    p, slash, q = s.partition("/")
    try:
        return Fraction(int_from_decimal(p), int_from_decimal(q) if slash else 1)
    except ValueError:
        return Fraction(s)


def rational_strings(arr, name):
    """Nested lists of rational strings with the shape of `arr` (a checked array)."""
    return _strings(arr.tolist(), name)


def _strings(x, name):
    if isinstance(x, list):
        return [_strings(e, name) for e in x]
    return rational_string(rational_from_number(x, name))


def fractions_from_strings(s):
    """Nested lists of rational strings (a certificate's) as nested lists of Fractions."""
    if isinstance(s, str):
        return fraction_from_string(s)
    return [fractions_from_strings(x) for x in s]


def floats_from_strings(s):
    """Nested lists of rational strings as a float64 array (each entry correctly rounded)."""
    return np.array(_floats(s), dtype=np.float64)


def _floats(s):
    if isinstance(s, str):
        return float(fraction_from_string(s))
    return [_floats(x) for x in s]
