"""convcert from Python: certified spectral factorization and the induced regularizer of
two-layer linear CNNs, with NumPy arrays in and out and exact values as fractions.Fraction.

    import convcert
    b = convcert.regularizer([1, -5, 3, 0, 0, 2, 0.5, -0.25], kernel=3)
    b.lower <= b.upper; b.certificate.save("bracket.json"); convcert.check("bracket.json")

Shapes carry the layout: with an integer kernel K (one-dimensional convolutions), a predictor
w has shape (D,) or (R, D) with R input channels, and a network has kernels u of shape
(C, R, K) and a second layer v of shape (C, D). Every call runs the same C++ pipeline as the
command-line tool on the same input, so certificates are byte-identical to the CLI's, and
check() is the trusted checker kernel of convcert-check. Bad input raises ValueError; a
rejected certificate raises CertificateInvalid. The C++ work runs without the GIL.
"""

import json
import os

import numpy as np

from . import _core
from .arrays import (array_checked, floats_from_strings, fractions_from_strings,
                     rational_from_number, rational_strings)
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
    """(K,) for an integer kernel; (K1, K2) for a pair."""
    if isinstance(kernel, (int, np.integer)) and not isinstance(kernel, bool):
        dims = (int(kernel),)
    elif isinstance(kernel, (tuple, list)) and len(kernel) == 2 and all(
            isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in kernel):
        dims = tuple(int(k) for k in kernel)
    else:
        raise ValueError(f"kernel must be an integer K or a pair (K1, K2), not {kernel!r}")
    if min(dims) < 1:
        raise ValueError(f"kernel sizes must be at least 1 (kernel = {kernel!r})")
    return dims


def _one_dimensional(kernel_shape, what):
    if len(kernel_shape) != 1:
        raise ValueError(f"{what}: two-dimensional kernels {kernel_shape} are not supported by "
                         "this build yet (issue 13); use an integer kernel")


def _signal_rows(w, kernel_shape):
    """w as a checked array of shape (R, *signal_shape) for kernels of kernel_shape."""
    n = len(kernel_shape)
    w = array_checked(w, "w", (n, n + 1))
    return w[None] if w.ndim == n else w


def regularizer_input_json(w, kernel):
    """The input file of `convcert regularizer W.json --kernel K` for w, as JSON text
    ({"D": D, "w": [...]} or {"R": R, "D": D, "w": [[...], ...]}, exact rationals)."""
    ks = _kernel_shape(kernel)
    _one_dimensional(ks, "regularizer")
    rows = _signal_rows(w, ks)
    R, D = rows.shape
    if R == 1:
        return json.dumps({"D": D, "w": rational_strings(rows[0], "w")})
    return json.dumps({"R": R, "D": D, "w": rational_strings(rows, "w")})


class Bracket:
    """lower <= R_{K,C}(w) <= upper for every C >= channels, certified."""

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
        self.network = _network_from_certificate(evidence["network"], claim["R"])

    def __repr__(self):
        return (f"convcert.Bracket([{float(self.lower):.10g}, {float(self.upper):.10g}], "
                f"gap {self.gap:.3g}, C0 = {self.channels})")


def _network_from_certificate(net, R):
    """A certificate's network (u: C kernels, flat when R = 1; v: C vectors) as a Network."""
    u = [[k] if R == 1 else k for k in net["u"]]
    exact = {"u": fractions_from_strings(u), "v": fractions_from_strings(net["v"])}
    return Network(floats_from_strings(u), floats_from_strings(net["v"]), exact=exact)


def regularizer(w, kernel, progress=None):
    """Brackets R_{K,C}(w) as `convcert regularizer` does: w of shape (D,) or (R, D) (floats
    are taken exactly), kernel an integer K <= D. Returns a Bracket (lower, upper as Fractions,
    gap, network, channels, certificate). ValueError for bad input; RuntimeError when no
    certificate could be built. progress: called with the elapsed seconds every 0.5 s while
    the C++ work runs (convcert/progress.py)."""
    text, K = regularizer_input_json(w, kernel), _kernel_shape(kernel)[0]
    return Bracket(call_with_progress(lambda: _core.regularizer(text, K), progress))


def closed_form(w, kernel):
    """R_K(w) in double precision where a closed form exists: K = 1 (2||W||_*, 2||w||_2 when
    R = 1) and K = D ((2/D) sum_d ||Ŵ[:,d]||_2). ValueError for 1 < K < D."""
    ks = _kernel_shape(kernel)
    _one_dimensional(ks, "closed_form")
    rows = np.asarray(_signal_rows(w, ks), dtype=np.float64)
    if ks[0] > rows.shape[1]:
        raise ValueError(f"kernel K = {ks[0]} exceeds D = {rows.shape[1]}")
    return _core.closed_form(rows.tolist(), ks[0])


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
    v (C, D), as JSON text (exact rationals)."""
    net = Network(u, v)  # shapes
    _one_dimensional(net.kernel_shape, "collapse")
    C, R, K = net.u.shape
    uu = array_checked(u, "u", (3,))
    vv = array_checked(v, "v", (2,))
    kernels = [rational_strings(uu[c, 0] if R == 1 else uu[c], "u") for c in range(C)]
    return json.dumps({"D": net.v.shape[1], "K": K, "R": R, "u": kernels,
                       "v": rational_strings(vv, "v")})


class Collapsed(Network):
    """The collapsed network (.u, .v, .w as for Network, .exact as Fractions) with its
    checked network-collapse certificate and exact costs."""

    def __init__(self, core):
        self.certificate = Certificate(core.certificate)
        claim = self.certificate.data["claim"]
        out = _network_from_certificate(claim["output"], claim["R"])
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
    slack, 0 unless the input is already optimal). progress: as for regularizer()."""
    if v is None:
        if not isinstance(u, Network):
            raise ValueError("collapse(u, v) needs v, or a convcert.Network as its argument")
        u, v = u.u, u.v
    text = network_input_json(u, v)
    return Collapsed(call_with_progress(lambda: _core.collapse(text), progress))


class MaxmarginBracket:
    """lower <= min { R_{K,C}(w) : y_i <w, x_i> >= 1 } <= upper for every C >= channels:
    .lower, .upper (Fractions), .gap, .channels, .w (the certified margin-feasible predictor,
    shape (R, D); .w_exact as Fractions), .network, .certificate."""

    def __init__(self, core):
        self.certificate = Certificate(core.certificate)
        claim, evidence = self.certificate.data["claim"], self.certificate.data["evidence"]
        self.lower = fractions_from_strings(claim["lower"])
        self.upper = fractions_from_strings(claim["upper"])
        self.gap, self.channels, self.seconds = core.relative_gap, core.channels, core.seconds
        rows = evidence["w"] if claim["R"] > 1 else [evidence["w"]]
        self.w_exact = fractions_from_strings(rows)
        self.w = floats_from_strings(rows)
        self.network = _network_from_certificate(evidence["network"], claim["R"])

    def __repr__(self):
        return (f"convcert.MaxmarginBracket([{float(self.lower):.10g}, {float(self.upper):.10g}]"
                f", gap {self.gap:.3g}, C0 = {self.channels})")


def maxmargin_input_json(X, y):
    """The dataset file `convcert maxmargin` reads (docs/datasets.md) for integer samples X of
    shape (N, D) or (N, R, D) and labels y in {-1, +1}."""
    X = array_checked(X, "X", (2, 3))
    if X.ndim == 2:
        X = X[:, None]
    values = [rational_from_number(x, "X") for x in X.flat]
    if any(q.denominator != 1 for q in values):
        raise ValueError("X must hold integers (scale and round the samples first)")
    y = array_checked(y, "y", (1,))
    labels = [rational_from_number(t, "y") for t in y.flat]
    if any(t not in (1, -1) for t in labels):
        raise ValueError("labels y must be -1 or +1")
    if len(labels) != X.shape[0]:
        raise ValueError(f"{X.shape[0]} samples but {len(labels)} labels")
    n, R, D = X.shape
    rows = [[int(q) for q in values[i * R * D:(i + 1) * R * D]] for i in range(n)]
    return json.dumps({"format": "convcert-dataset", "name": "python",
                       "source": "convcert.maxmargin", "R": R, "D": D, "y": [int(t) for t in labels], "x": rows})


def maxmargin(X, y, kernel, progress=None):
    """Brackets the max-margin value min { R_{K,C}(w) : y_i <w, x_i> >= 1 } (MATH.md §9) as
    `convcert maxmargin` does, for integer samples X ((N, D) or (N, R, D)) and labels y = ±1.
    RuntimeError when no certificate can be built (e.g. the data are not separable).
    progress: as for regularizer()."""
    ks = _kernel_shape(kernel)
    _one_dimensional(ks, "maxmargin")
    text = maxmargin_input_json(X, y)
    return MaxmarginBracket(call_with_progress(lambda: _core.maxmargin(text, ks[0]), progress))
