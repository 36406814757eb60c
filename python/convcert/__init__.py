"""convcert from Python: certified spectral factorization and the induced regularizer of
two-layer linear CNNs, with NumPy arrays in and out and exact values as fractions.Fraction.

    import convcert
    b = convcert.regularizer([1, -5, 3, 0, 0, 2, 0.5, -0.25], kernel=3)
    b.lower <= b.upper; b.certificate.save("bracket.json"); convcert.check("bracket.json")

Shapes carry the layout. With an integer kernel K (one-dimensional convolutions) a predictor
w has shape (D,) or (R, D) with R input channels, and a network has kernels u of shape
(C, R, K) and a second layer v of shape (C, D). With a pair kernel (K1, K2) (images, MATH.md
"Two-dimensional signals") w has shape (D1, D2) or (R, D1, D2), u (C, R, K1, K2) and v
(C, D1, D2); an integer K on a three-axis w (R, D1, D2) means K×K, as `--kernel K` on a 2-D
input does for the CLI (a two-axis w with an integer K is (R, D): pass (K, K) for one image).
Every call runs the same C++ pipeline as the command-line tool on the same input, so
certificates are byte-identical to the CLI's, and check() is the trusted checker kernel of
convcert-check. Bad input raises ValueError; a rejected certificate raises CertificateInvalid.
The C++ work runs without the GIL.

    b = convcert.regularizer(np.arange(16.0).reshape(4, 4) % 5 - 2, kernel=(2, 2))
"""

import json
import os

import numpy as np

from . import _core
from .arrays import (array_checked, array_rectangular, floats_from_strings,
                     fractions_from_strings, integers_over_denominator, rational_from_number,
                     rational_strings)
from .files import file_write_atomic
from .network import Network
from .progress import call_with_progress

__all__ = ["Certificate", "CertificateInvalid", "CertificateUndecided", "Network", "check",
           "closed_form", "collapse", "factor", "maxmargin", "maxmargin_input_json",
           "network_input_json", "regularizer", "regularizer_input_json"]


class CertificateInvalid(Exception):
    """The checker rejected a certificate (INVALID or malformed); .line is its verdict."""

    def __init__(self, line, status):
        super().__init__(line)
        self.line, self.status = line, status


class CertificateUndecided(Exception):
    """The certificate lies beyond a documented resource limit of the checker."""

    def __init__(self, line):
        super().__init__(line)
        self.line = line


class Certificate:
    """A certificate as the generator wrote it: .json() is its exact text (the CLI's bytes),
    .data the parsed JSON, .kind its kind."""

    def __init__(self, text):
        self._text = text
        self._data = None

    def json(self):
        return self._text

    @property
    def data(self):
        if self._data is None:
            self._data = json.loads(self._text)
        return self._data

    @property
    def kind(self):
        return self.data["kind"]

    def save(self, path):
        """Writes the certificate atomically (a temporary file in the same folder, renamed)."""
        file_write_atomic(path, lambda f: f.write(self._text.encode("utf-8")))

    def __repr__(self):
        return f"convcert.Certificate(kind={self.kind!r}, {len(self._text)} bytes)"


def check(certificate):
    """Verifies a Certificate, a certificate's JSON text or a file path with the trusted checker
    kernel (the code of convcert-check). Returns the verdict line ("valid (...), ...");
    raises CertificateInvalid (invalid or malformed) or CertificateUndecided, and
    FileNotFoundError for a path that is not a file."""
    if isinstance(certificate, Certificate):
        verdict = _core.check_text(certificate.json())
    elif isinstance(certificate, os.PathLike) or (
            isinstance(certificate, str) and not certificate.lstrip().startswith("{")):
        path = os.fspath(certificate)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"no certificate file {path}")
        verdict = _core.check_file(path)
    elif isinstance(certificate, str):
        verdict = _core.check_text(certificate)
    else:
        raise ValueError(f"check() takes a Certificate, JSON text or a path, not "
                         f"{type(certificate).__name__}")
    if verdict.status == 0:
        return verdict.line
    if verdict.status == 4:
        raise CertificateUndecided(verdict.line)
    raise CertificateInvalid(verdict.line, verdict.status)


def _kernel_shape(kernel):
    """(K,) for an integer kernel (or a 1-tuple, as Conv1d's kernel_size); (K1, K2) for a
    pair."""
    if isinstance(kernel, (int, np.integer)) and not isinstance(kernel, bool):
        dims = (int(kernel),)
    elif isinstance(kernel, (tuple, list)) and len(kernel) in (1, 2) and all(
            isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in kernel):
        dims = tuple(int(k) for k in kernel)
    else:
        raise ValueError(f"kernel must be an integer K or a pair (K1, K2), not {kernel!r}")
    if min(dims) < 1:
        raise ValueError(f"kernel sizes must be at least 1 (kernel = {kernel!r})")
    return dims


def _layout(a, kernel, name, batch=0):
    """(a, kernel_shape): `a` checked and shaped (*batch axes, R, *signal_shape), and the
    kernel shape, (K,) in 1-D or (K1, K2) in 2-D (see the module's docstring: an integer K
    means K×K when `a` has batch + 3 axes). ValueError for any other number of axes."""
    a, ks = array_rectangular(a, name), _kernel_shape(kernel)
    if len(ks) == 1 and a.ndim == batch + 3:
        ks = (ks[0], ks[0])
    ndim, n = a.ndim, len(ks)
    lead = "(" + "N, " * batch
    want = (f"{lead}D) or {lead}R, D) (or {lead}R, D1, D2) for K×K kernels)" if n == 1 else
            f"{lead}D1, D2) or {lead}R, D1, D2)")
    if ndim not in (batch + n, batch + n + 1):
        raise ValueError(f"{name} has {ndim} axes (shape {np.shape(a)}); with the kernel "
                         f"{kernel!r} expected {want}")
    arr = array_checked(a, name, (batch + n, batch + n + 1))
    if arr.ndim == batch + n:
        arr = np.expand_dims(arr, batch)
    return arr, ks


def _flat(rows):
    """(R, *signal_shape) as R flat rows (row-major), the files' layout."""
    return rows.reshape(rows.shape[0], -1)


def regularizer_input_json(w, kernel):
    """The input file of `convcert regularizer W.json --kernel K` (or K1xK2) for w, as JSON
    text (see _regularizer_input)."""
    return _regularizer_input(w, kernel)[0]


def _regularizer_input(w, kernel):
    """(text, kernel_shape): the input file of `convcert regularizer` for w, as JSON text:
    {"D": D, "w": [...]} or {"R": R, "D": D, "w": [[...], ...]} in 1-D, {"shape": [D1,
    D2], "w": [D1·D2 entries, row-major]} or {"R": R, "shape": ..., "w": [[...], ...]} in 2-D;
    exact rationals."""
    rows, ks = _layout(w, kernel, "w")
    R, size = rows.shape[0], ({"D": rows.shape[1]} if len(ks) == 1 else
                              {"shape": list(rows.shape[1:])})
    flat = rational_strings(_flat(rows), "w")
    if R == 1:
        return json.dumps({**size, "w": flat[0]}), ks
    return json.dumps({"R": R, **size, "w": flat}), ks


class Bracket:
    """lower <= R_{K,C}(w) <= upper for every C >= channels, certified; .network realizes w at
    cost upper, its arrays shaped (C, R, K) / (C, D), or (C, R, K1, K2) / (C, D1, D2) in 2-D.
    In 2-D (D1 > 1) the upper bound holds for C >= channels only (no Fejér–Riesz Lemma)."""

    def __init__(self, core):
        self.certificate = Certificate(core.certificate)
        claim, evidence = self.certificate.data["claim"], self.certificate.data["evidence"]
        self.lower = fractions_from_strings(claim["lower"])
        self.upper = fractions_from_strings(claim["upper"])
        #: (upper - lower) / upper, rounded
        self.gap = core.relative_gap
        #: C0: the bracket holds for every C >= channels
        self.channels = core.C0
        self.method, self.seconds = core.method, core.seconds
        self.network = _network_from_certificate(evidence["network"], claim)

    def __repr__(self):
        return (f"convcert.Bracket([{float(self.lower):.10g}, {float(self.upper):.10g}], "
                f"gap {self.gap:.3g}, C0 = {self.channels})")


def _network_from_certificate(net, claim):
    """A certificate's network (u: C kernels, flat when R = 1; v: C vectors; rows flat and
    row-major in 2-D) as a Network shaped by the claim (its "shape" and "kernel_shape" in 2-D);
    .exact holds the same nesting in Fractions."""
    R = claim["R"]
    u = [[k] if R == 1 else k for k in net["u"]]
    kernel = tuple(claim.get("kernel_shape", [claim["K"]]))
    signal = tuple(claim.get("shape", [claim["D"]]))
    u_shape, v_shape = (len(u), R) + kernel, (len(u),) + signal
    exact = {"u": _nested(fractions_from_strings(u), u_shape),
             "v": _nested(fractions_from_strings(net["v"]), v_shape)}
    return Network(floats_from_strings(u).reshape(u_shape),
                   floats_from_strings(net["v"]).reshape(v_shape), exact=exact)


def _nested(values, shape):
    """Nested lists of Fractions reshaped to `shape` (row-major)."""
    flat = np.empty(int(np.prod(shape)), dtype=object)
    flat[:] = list(np.array(values, dtype=object).flat)
    return flat.reshape(shape).tolist()


def regularizer(w, kernel, progress=None):
    """Brackets R_{K,C}(w) as `convcert regularizer` does: w of shape (D,) or (R, D) with an
    integer kernel K <= D; (D1, D2) or (R, D1, D2) with a kernel (K1, K2) (or K meaning K×K
    for (R, D1, D2)); floats are taken exactly. Returns a Bracket (lower, upper as Fractions,
    gap, network, channels, certificate). ValueError for bad input; RuntimeError when no
    certificate could be built. progress: called with the elapsed seconds every 0.5 s while
    the C++ work runs (convcert/progress.py)."""
    text, ks = _regularizer_input(w, kernel)
    return Bracket(call_with_progress(lambda: _core.regularizer(text, list(ks)), progress))


def closed_form(w, kernel):
    """R_K(w) in double precision where a closed form exists (MATH.md §5, §8): K = 1 (1×1 in
    2-D: 2||W||_*, 2||w||_2 when R = 1) and K = D (K1×K2 = D1×D2 in 2-D:
    (2/D) sum_d ||Ŵ[:,d]||_2 with the 1-D or 2-D DFT). Shapes as for regularizer().
    ValueError for 1 < K < D."""
    rows, ks = _layout(w, kernel, "w")
    rows = np.asarray(rows, dtype=np.float64)
    return _core.closed_form(_flat(rows).tolist(), list(rows.shape[1:]), list(ks))


class Factor:
    """c with c ⋆ c = sum_i a_i ⋆ a_i: .c (float64), .c_decimal (the certificate's decimals),
    .kind ("lemma-exact" or "lemma-enclosure"), .exact (the exact description), .certificate."""

    def __init__(self, text):
        self.certificate = Certificate(text)
        evidence = self.certificate.data["evidence"]
        self.kind = self.certificate.kind
        self.c_decimal = list(evidence["c_decimal"])
        self.c = np.array([float(x) for x in self.c_decimal])
        if self.kind == "lemma-exact":
            self.exact = {key: evidence[key] for key in ("minpoly", "interval", "c")
                          if key in evidence}
        else:
            self.exact = {key: evidence[key] for key in ("center", "radius") if key in evidence}

    def __repr__(self):
        return f"convcert.Factor({self.kind}, c = {self.c})"


def factor(vectors, method="auto", digits=30, progress=None):
    """The Lemma's c for vectors a_i (shape (m, K), or (K,) for one vector) as `convcert
    factor` computes it: method "exact", "enclosure" or "auto"; 30 <= digits <= 10000.
    progress: as for regularizer()."""
    a = array_checked(vectors, "vectors", (1, 2))
    if a.ndim == 1:
        a = a[None]
    if not isinstance(digits, (int, np.integer)) or isinstance(digits, bool):
        raise ValueError(f"digits must be an integer, not {digits!r}")
    if method not in ("auto", "exact", "enclosure"):
        raise ValueError(f"method must be 'auto', 'exact' or 'enclosure', not {method!r}")
    text = json.dumps({"K": a.shape[1], "vectors": rational_strings(a, "vectors")})
    return Factor(call_with_progress(lambda: _core.factor(text, method, int(digits)), progress))


def network_input_json(u, v):
    """The input file of `convcert collapse NET.json` for kernels u (C, R, K) and second layer
    v (C, D), or in 2-D u (C, R, K1, K2) or (C, K1, K2) and v (C, D1, D2), as JSON text (exact
    rationals)."""
    uu = array_checked(u, "u", (3, 4))
    vv = array_checked(v, "v", (2, 3))
    if uu.ndim == 3 and vv.ndim == 3:
        uu = uu[:, None]  # (C, K1, K2): one input channel
    if uu.ndim != vv.ndim + 1:
        raise ValueError(f"u has shape {uu.shape} and v {vv.shape}: expected u (C, R, K) with v "
                         "(C, D), or u (C, R, K1, K2) or (C, K1, K2) with v (C, D1, D2)")
    net = Network(uu, vv)  # shapes
    C, R = net.u.shape[:2]
    kernels = [rational_strings(uu[c, 0] if R == 1 else uu[c], "u") for c in range(C)]
    if len(net.kernel_shape) == 1:
        sizes = {"D": net.v.shape[1], "K": net.kernel_shape[0]}
    else:
        sizes = {"shape": list(net.signal_shape), "kernel_shape": list(net.kernel_shape)}
    return json.dumps({**sizes, "R": R, "u": kernels, "v": rational_strings(vv, "v")})


class Collapsed(Network):
    """The collapsed network (.u, .v, .w as for Network, .exact as Fractions) with its
    checked network-collapse certificate and exact costs."""

    def __init__(self, core):
        self.certificate = Certificate(core.certificate)
        claim = self.certificate.data["claim"]
        out = _network_from_certificate(claim["output"], claim)
        super().__init__(out.u, out.v, exact=out.exact)
        self.cost_in = fractions_from_strings(claim["cost_in"])
        self.cost_out = fractions_from_strings(claim["cost_out"])
        self.slack = fractions_from_strings(claim["slack"])
        self.channels_in = core.channels
        self.source, self.bits, self.seconds = core.source, core.bits, core.seconds


def collapse(u, v=None, progress=None):
    """The collapse (MATH.md §3; R > 1: the matrix Fejér–Riesz section) of the network with
    kernels u (C, R, K) and second layer v (C, D), or of a Network passed as u: at most R
    channels realizing the same w at exact cost at most the input's (plus the certificate's
    slack, 0 unless the input is already optimal). progress: as for regularizer().

    2-D networks, u (C, R, K1, K2) or (C, K1, K2) and v (C, D1, D2), collapse as `convcert
    collapse` does (MATH.md "Two-dimensional signals": one channel is not always possible): to
    the regularizer bracket's network for w (or an exact merge of dependent kernels), C0 < C
    channels, with slack max(0, its cost - the input's); RuntimeError "no collapse: ..." when
    no construction has fewer channels than the input."""
    if v is None:
        if not isinstance(u, Network):
            raise ValueError("collapse(u, v) needs v, or a convcert.Network as its argument")
        u, v = u.u, u.v
    text = network_input_json(u, v)
    return Collapsed(call_with_progress(lambda: _core.collapse(text), progress))


class MaxmarginBracket:
    """lower <= min { R_{K,C}(w) : y_i <w, x_i> >= 1 } <= upper for every C >= channels:
    .lower, .upper (Fractions), .gap, .channels, .w (the certified margin-feasible predictor,
    shape (R, D), or (R, D1, D2) for a 2-D claim; .w_exact as Fractions, flat rows),
    .network, .certificate."""

    def __init__(self, core):
        self.certificate = Certificate(core.certificate)
        claim, evidence = self.certificate.data["claim"], self.certificate.data["evidence"]
        self.lower = fractions_from_strings(claim["lower"])
        self.upper = fractions_from_strings(claim["upper"])
        self.gap, self.channels, self.seconds = core.relative_gap, core.channels, core.seconds
        rows = evidence["w"] if claim["R"] > 1 else [evidence["w"]]
        self.w_exact = fractions_from_strings(rows)
        self.w = floats_from_strings(rows).reshape((claim["R"],) + tuple(
            claim.get("shape", [claim["D"]])))
        self.network = _network_from_certificate(evidence["network"], claim)

    def __repr__(self):
        return (f"convcert.MaxmarginBracket([{float(self.lower):.10g}, {float(self.upper):.10g}]"
                f", gap {self.gap:.3g}, C0 = {self.channels})")


def maxmargin_input_json(X, y, kernel=1):
    """The dataset file `convcert maxmargin` reads for samples X and labels y, as JSON text
    (see _maxmargin_input)."""
    return _maxmargin_input(X, y, kernel)[0]


def _maxmargin_input(X, y, kernel):
    """(text, kernel_shape): the dataset file `convcert maxmargin` reads (docs/datasets.md)
    for samples X and labels y in {-1, +1}. X has shape (N, D) or (N, R, D) with an integer
    kernel (the default), or (N, D1, D2) or (N, R, D1, D2) with a pair (K1, K2) (an integer K
    on (N, R, D1, D2) means K×K); 2-D datasets carry "shape": [D1, D2]. Entries are taken
    exactly: integers as they are, floats and Fractions as integer numerators over one common
    denominator "x_denominator" (the lcm of theirs, a power of two for floats; written only
    when it is not 1). ValueError for NaN or infinite entries, a denominator or numerator
    beyond 2^53, labels other than ±1 or a count that differs from N."""
    X, ks = _layout(X, kernel, "X", batch=1)
    numerators, den = integers_over_denominator(X, "X")
    y = array_checked(y, "y", (1,))
    labels = [rational_from_number(t, "y") for t in y.flat]
    if any(t not in (1, -1) for t in labels):
        raise ValueError("labels y must be -1 or +1")
    if len(labels) != X.shape[0]:
        raise ValueError(f"{X.shape[0]} samples but {len(labels)} labels")
    R, signal = X.shape[1], X.shape[2:]
    data = {"format": "convcert-dataset", "name": "python", "source": "convcert.maxmargin",
            "R": R, "D": int(np.prod(signal))}
    if len(ks) == 2:
        data["shape"] = list(signal)
    if den != 1:
        data["x_denominator"] = den
    data["y"] = [int(t) for t in labels]
    data["x"] = numerators.reshape(X.shape[0], -1).tolist()
    return json.dumps(data), ks


def maxmargin(X, y, kernel, progress=None):
    """Brackets the max-margin value min { R_{K,C}(w) : y_i <w, x_i> >= 1 } (MATH.md §9) as
    `convcert maxmargin` does, for samples X and labels y = ±1 (shapes and exact entries as
    for maxmargin_input_json: 1-D or 2-D samples; float or Fraction entries are kept exact
    as numerators over one "x_denominator", which the certificate's claim carries).
    RuntimeError when no certificate can be built (e.g. the data are not separable).
    progress: as for regularizer()."""
    text, ks = _maxmargin_input(X, y, kernel)
    core = call_with_progress(lambda: _core.maxmargin(text, list(ks)), progress)
    return MaxmarginBracket(core)
