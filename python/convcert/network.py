"""The two-layer linear CNN as NumPy arrays: kernels u of shape (C, R, K) and second layer v of
shape (C, D) (MATH.md "The network"; two-dimensional signals will use (C, R, K1, K2) and
(C, D1, D2), and every method here is written over the spatial axes, whatever their number).

f(x) = sum_c <v_c, x ⋆ u_c> = <w, x> with the predictor w[r] = sum_c u_c[r] * v_c (circular
convolution), of shape (R, D).
"""

import itertools

import numpy as np

from .arrays import array_checked


class Network:
    """u: (C, R, *kernel_shape), v: (C, *signal_shape), float64 copies."""

    def __init__(self, u, v, exact=None):
        u = np.array(array_checked(u, "u", (3, 4)), dtype=np.float64)
        v = np.array(array_checked(v, "v", (u.ndim - 1,)), dtype=np.float64)
        if u.shape[0] != v.shape[0]:
            raise ValueError(f"u has {u.shape[0]} channels but v has {v.shape[0]} "
                             f"(shapes {u.shape} and {v.shape})")
        if any(k > d for k, d in zip(u.shape[2:], v.shape[1:])):
            raise ValueError(f"the kernel shape {u.shape[2:]} exceeds the signal shape "
                             f"{v.shape[1:]}")
        self.u, self.v = u, v
        #: the exact network as nested lists of Fractions when it came from a certificate
        self.exact = exact

    @property
    def channels(self):
        """C, the number of output channels."""
        return self.u.shape[0]

    @property
    def input_channels(self):
        """R, the number of input channels."""
        return self.u.shape[1]

    @property
    def kernel_shape(self):
        return self.u.shape[2:]

    @property
    def signal_shape(self):
        return self.v.shape[1:]

    @property
    def w(self):
        """The predictor, shape (R, *signal_shape): w[r] = sum_c u_c[r] * v_c."""
        return predictor(self.u, self.v)

    def cost(self):
        """||U||² + ||V||², the weight cost."""
        return float(np.sum(self.u ** 2) + np.sum(self.v ** 2))

    def outputs(self, X):
        """f(x_i) = <w, x_i> for inputs X of shape (N, R, *signal_shape) ((N, *signal_shape)
        when R = 1)."""
        X = inputs_checked(X, self.input_channels, self.signal_shape)
        w = self.w
        return np.tensordot(X, w, axes=w.ndim)

    def min_margin(self, X, y):
        """min_i y_i f(x_i) for labels y_i in {-1, +1}."""
        f = self.outputs(X)
        y = np.asarray(array_checked(y, "y", (1,)), dtype=np.float64)
        if y.shape[0] != f.shape[0]:
            raise ValueError(f"{f.shape[0]} inputs but {y.shape[0]} labels")
        if not np.all(np.abs(y) == 1):
            raise ValueError("labels y must be -1 or +1")
        return float(np.min(y * f))

    def __repr__(self):
        return (f"convcert.Network(C={self.channels}, R={self.input_channels}, "
                f"kernel={self.kernel_shape}, signal={self.signal_shape}, cost={self.cost():.6g})")


def predictor(u, v):
    """sum_c u_c[r] * v_c for u (C, R, *K) and v (C, *S): circular convolution over the
    spatial axes, (u * v)[j] = sum_k u[k] v[j - k]."""
    C, R = u.shape[:2]
    spatial = tuple(range(1, v.ndim))
    w = np.zeros((R,) + v.shape[1:])
    for k in itertools.product(*(range(n) for n in u.shape[2:])):
        shifted = np.roll(v, shift=k, axis=spatial)  # shifted[c][j] = v_c[j - k]
        w += np.einsum("cr,c...->r...", u[(slice(None), slice(None)) + k], shifted)
    return w


def inputs_checked(X, R, signal_shape):
    """X as a float64 array of shape (N, R, *signal_shape); (N, *signal_shape) is accepted
    when R = 1."""
    n = len(signal_shape)
    X = np.asarray(array_checked(X, "X", (n + 1, n + 2)), dtype=np.float64)
    if X.ndim == n + 1:
        if R != 1:
            raise ValueError(f"X has shape {X.shape}; with R = {R} input channels expected "
                             f"(N, {R}, {', '.join(map(str, signal_shape))})")
        X = X[:, None]
    if X.shape[1:] != (R,) + tuple(signal_shape):
        raise ValueError(f"X has shape {X.shape}; expected (N, {R}, "
                         f"{', '.join(map(str, signal_shape))})")
    return X
