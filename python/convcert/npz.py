"""Networks and predictors as NumPy files, for users without PyTorch: a network is an .npz
with arrays "u" (C, R, K) and "v" (C, D), or (C, R, K1, K2) and (C, D1, D2) in 2-D (float64, so
every float32 or float64 weight is kept exactly); a predictor w is an .npy of shape (D,) or
(R, D), or (D1, D2) or (R, D1, D2). Files are written atomically and read without pickles
(allow_pickle=False). `convcert collapse --npz NET.npz` reads network_save's files (stored or
compressed) and `--npz-out OUT.npz` writes one that network_load reads."""

import numpy as np

from .files import file_write_atomic
from .network import Network


def network_save(path, network):
    """Writes network.u and network.v to the .npz file `path`."""
    file_write_atomic(path, lambda f: np.savez(f, u=network.u, v=network.v))


def network_load(path):
    """A Network from an .npz file with arrays "u" and "v" (ValueError otherwise)."""
    with np.load(path, allow_pickle=False) as z:
        missing = {"u", "v"} - set(z.files)
        if missing:
            raise ValueError(f"{path}: no array {' or '.join(sorted(missing))} "
                             f"(found {', '.join(z.files) or 'none'})")
        return Network(z["u"], z["v"])


def predictor_save(path, w):
    """Writes the predictor w (float64) to the .npy file `path`."""
    file_write_atomic(path, lambda f: np.save(f, np.asarray(w, dtype=np.float64)))


def predictor_load(path):
    """The predictor of an .npy file, as saved by predictor_save."""
    return np.load(path, allow_pickle=False)
