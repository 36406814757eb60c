"""Integers to and from decimal text of any length. Python 3.11 refuses int(text) and str(n)
beyond 4300 digits (sys.get_int_max_str_digits(), a guard against quadratic-time conversions),
but certificates hold exact rationals of many thousands of digits (a 28×28 bracket's upper
bound has about 5700). Changing the interpreter-wide limit would affect the caller's program,
so the conversions here split the text (or the number) in halves until each piece is below
the limit: O(M(n) log n) with Python's Karatsuba multiplication."""

_PIECE = 4000  # digits converted at once, below the default limit of 4300


def int_from_decimal(text):
    """The integer of a decimal string "[-]digits" (ASCII digits, any length). ValueError for
    anything else."""
    digits = text[1:] if text.startswith("-") else text
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"not a decimal integer: {text[:40]!r}")
    n = _int_from_digits(digits)
    return -n if text.startswith("-") else n


def _int_from_digits(digits):
    if len(digits) <= _PIECE:
        return int(digits)
    low = len(digits) // 2
    return _int_from_digits(digits[:-low]) * 10 ** low + _int_from_digits(digits[-low:])


def decimal_from_int(n):
    """The decimal string of the integer n (any size), as str(n) would write it."""
    if n < 0:
        return "-" + decimal_from_int(-n)
    return _digits(n)


def _digits(n):
    if n.bit_length() <= 3 * _PIECE:  # < 2^12000 < 10^4000: str() is within the limit
        return str(n)
    low = int(n.bit_length() * 0.30103) // 2  # about half of n's digits
    high, rest = divmod(n, 10 ** low)
    return _digits(high) + _digits(rest).zfill(low)
