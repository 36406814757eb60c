"""convcert in 2-D without torch (MATH.md "Two-dimensional signals"): brackets from Python equal
the CLI's certificate bytes made in the same test on the same image (an input file written here
independently, rows nested; and the shipped input, whose shipped certificate is only checked),
their networks realize w exactly (a 2-D circular convolution recomputed here in Fractions), the
closed forms K = 1×1 and K = D1×D2 (recomputed with NumPy's SVD and FFT) lie inside the
brackets, samples convert exactly to numerators over one denominator, and bad 2-D input raises
ValueError. Run by ctest (label python)."""

from fractions import Fraction
import itertools
import json
import os
import subprocess
import tempfile
import types
import unittest

import numpy as np

import convcert

BINARY = os.environ.get("CONVCERT_BINARY", "build/convcert")
SOURCE = os.environ.get("CONVCERT_SOURCE_DIR", ".")


def cli_bracket(w, kernel_arg):
    """The certificate `convcert regularizer W.json --kernel ARG` writes for w (R, D1, D2) (or
    (D1, D2)), W.json written here: "shape" and each w as D1 nested rows of "p/q" strings."""
    w = np.asarray(w, dtype=object)
    rows = w if w.ndim == 3 else w[None]
    nested = [[[str(Fraction(x)) for x in row] for row in img] for img in rows.tolist()]
    data = {"shape": list(rows.shape[1:]), "w": nested[0]}
    if rows.shape[0] > 1:
        data = {"R": rows.shape[0], "shape": list(rows.shape[1:]), "w": nested}
    with tempfile.TemporaryDirectory() as tmp:
        path, out = os.path.join(tmp, "w.json"), os.path.join(tmp, "cert.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        subprocess.run([BINARY, "regularizer", path, "--kernel", kernel_arg, "-o", out],
                       check=True, capture_output=True)
        with open(out, encoding="utf-8") as f:
            return f.read()


def predictor_2d(u, v):
    """w[r][j] = sum_c sum_k u_c[r][k] v_c[j - k] on Z_D1 x Z_D2, in Fractions (u: C x R x K1 x
    K2 nested lists, v: C x D1 x D2)."""
    C, R = len(u), len(u[0])
    K1, K2, D1, D2 = len(u[0][0]), len(u[0][0][0]), len(v[0]), len(v[0][0])
    w = [[[Fraction(0)] * D2 for _ in range(D1)] for _ in range(R)]
    for c, r, k1, k2, j1, j2 in itertools.product(range(C), range(R), range(K1), range(K2),
                                                  range(D1), range(D2)):
        w[r][j1][j2] += u[c][r][k1][k2] * v[c][(j1 - k1) % D1][(j2 - k2) % D2]
    return w


def squares(nested):
    return sum(x * x for x in np.array(nested, dtype=object).flat)


IMAGE = np.array([[2, -2, -3], [3, 2, -1], [0, 1, -3]], dtype=float)  # input-regularizer-3x3


class TestBracket2d(unittest.TestCase):
    def test_same_certificate_bytes_as_the_cli(self):
        rng = np.random.default_rng(11)
        cases = [(IMAGE, (2, 2), "2x2"),
                 (np.round(rng.standard_normal((4, 5)), 3), (2, 3), "2x3"),
                 (np.round(rng.standard_normal((2, 3, 4)), 2), 2, "2"),  # R = 2, K meaning 2x2
                 (rng.standard_normal((3, 3)), (3, 1), "3x1")]            # full doubles
        for w, kernel, arg in cases:
            with self.subTest(shape=w.shape, kernel=kernel):
                b = convcert.regularizer(w, kernel)
                self.assertEqual(b.certificate.json(), cli_bracket(w, arg))
                self.assertTrue(convcert.check(b.certificate).startswith(
                    "valid (regularizer-bracket, D = " + "x".join(map(str, w.shape[-2:]))))

    def test_the_shipped_input_and_certificate(self):
        # The CLI's certificate of the shipped input, made in this test, is Python's byte for
        # byte; the shipped certificate (made elsewhere: its digits depend on the BLAS and CPU)
        # is only checked, never compared (README, "Numerics and BLAS").
        b = convcert.regularizer(IMAGE, (2, 2))
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "cert.json")
            subprocess.run([BINARY, "regularizer",
                            os.path.join(SOURCE, "examples", "input-regularizer-3x3.json"),
                            "--kernel", "2x2", "-o", out], check=True, capture_output=True)
            with open(out, encoding="utf-8") as f:
                self.assertEqual(b.certificate.json(), f.read())
        shipped = os.path.join(SOURCE, "examples", "regularizer-bracket-3x3-k2x2.json")
        checked = subprocess.run([BINARY, "check", shipped], capture_output=True, text=True)
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
        self.assertIn("valid (regularizer-bracket, D = 3x3, K = 2x2, R = 1)", checked.stdout)

    def test_network_shapes_and_exact_realization(self):
        w = np.array([[[1, 0, -2, 0], [0, 3, 1, 0], [0, -1, 0, 2]],
                      [[0, 1, 0, 0], [2, 0, 0, -1], [1, 0, 1, 0]]], dtype=float)
        b = convcert.regularizer(w, (2, 2))
        C = b.channels
        self.assertEqual(b.network.u.shape, (C, 2, 2, 2))
        self.assertEqual(b.network.v.shape, (C, 3, 4))
        exact_w = predictor_2d(b.network.exact["u"], b.network.exact["v"])
        self.assertEqual(exact_w, [[[Fraction(x) for x in row] for row in img]
                                   for img in w.tolist()])
        self.assertEqual(squares(b.network.exact["u"]) + squares(b.network.exact["v"]), b.upper)
        np.testing.assert_allclose(b.network.w, w, atol=1e-12)  # Network.w, the NumPy path
        self.assertLessEqual(b.lower, b.upper)
        self.assertIsInstance(b.lower, Fraction)

    def test_closed_forms_inside_the_brackets(self):
        rng = np.random.default_rng(12)
        for w in (IMAGE, np.round(rng.standard_normal((2, 3, 4)), 3)):
            rows = w.reshape(-1, w.shape[-2] * w.shape[-1]) if w.ndim == 3 else w.reshape(1, -1)
            images = w if w.ndim == 3 else w[None]
            D = rows.shape[1]
            nuclear = 2 * np.sum(np.linalg.svd(rows, compute_uv=False))       # K = 1x1
            fourier = 2 / D * np.sum(np.linalg.norm(np.fft.fft2(images), axis=0))  # K = D1xD2
            for kernel, value in (((1, 1), nuclear), (w.shape[-2:], fourier)):
                with self.subTest(shape=w.shape, kernel=kernel):
                    self.assertAlmostEqual(convcert.closed_form(w, tuple(kernel)), value,
                                           places=10)
                    b = convcert.regularizer(w, tuple(kernel))
                    self.assertLessEqual(float(b.lower), value * (1 + 1e-10))
                    self.assertGreaterEqual(float(b.upper), value * (1 - 1e-10))

    def test_closed_form_refuses_an_intermediate_kernel(self):
        with self.assertRaisesRegex(ValueError, r"no closed form .*K = 2x2, D = 3x3"):
            convcert.closed_form(IMAGE, (2, 2))
        # (1, 1) on a 2-D grid is 2||w||_2 for one image, not a 1-D K = 1 of its rows
        self.assertAlmostEqual(convcert.closed_form(IMAGE, (1, 1)),
                               2 * np.linalg.norm(IMAGE), places=12)


class TestSamples(unittest.TestCase):
    def test_floats_convert_exactly_over_one_power_of_two(self):
        X = np.array([[0.5, -1.25, 3], [0.125, 0, 2**-20]], dtype=np.float32)
        data = json.loads(convcert.maxmargin_input_json(X, [1, -1]))
        self.assertEqual(data["x_denominator"], 2**20)
        back = [[Fraction(n, data["x_denominator"]) for n in row] for row in data["x"]]
        self.assertEqual(back, [[Fraction(float(x)) for x in row] for row in X])
        self.assertNotIn("shape", data)

    def test_fractions_use_the_lcm_and_integers_no_denominator(self):
        X = np.array([[Fraction(1, 3), Fraction(1, 4)], [1, -2]], dtype=object)
        data = json.loads(convcert.maxmargin_input_json(X, [1, -1]))
        self.assertEqual((data["x_denominator"], data["x"]), (12, [[4, 3], [12, -24]]))
        data = json.loads(convcert.maxmargin_input_json(np.array([[1, -2], [3, 4]]), [1, -1]))
        self.assertNotIn("x_denominator", data)
        X = np.array([[1, -2], [3, 2**53]])
        self.assertEqual(convcert.maxmargin_input_json(X.astype(np.float64), [1, -1]),
                         convcert.maxmargin_input_json(X, [1, -1]))  # integer-valued floats

    def test_images_carry_their_shape(self):
        X = np.arange(2 * 2 * 3 * 4).reshape(2, 2, 3, 4)  # N = 2, R = 2, 3x4 images
        data = json.loads(convcert.maxmargin_input_json(X, [1, -1], (2, 2)))
        self.assertEqual((data["R"], data["D"], data["shape"]), (2, 12, [3, 4]))
        self.assertEqual(data["x"][1], list(range(24, 48)))  # channel-major, row-major
        one = json.loads(convcert.maxmargin_input_json(X[:, 0], [1, -1], (2, 2)))
        self.assertEqual((one["R"], one["shape"], one["x"][0]), (1, [3, 4], list(range(12))))

    def test_bad_samples(self):
        cases = [
            ("NaN", np.array([[1.0, np.nan], [1, 2]])),
            ("NaN or infinite", np.array([[1.0, -np.inf], [1, 2]])),
            ("denominator .* exceeds 2\\^53", np.array([[2.0**-60, 1], [1, 2]])),
            ("numerator exceeds 2\\^53", np.array([[2.0**40, 2**-20], [1, 2]])),
            ("beyond 2\\^53", np.array([[2**60, 1], [1, 2]])),
            ("numerator exceeds", np.array([[Fraction(2**52, 3), Fraction(1, 5)], [1, 2]],
                                           dtype=object)),
        ]
        for pattern, X in cases:
            with self.subTest(pattern):
                with self.assertRaisesRegex(ValueError, pattern):
                    convcert.maxmargin_input_json(X, [1, -1])


class TestMaxmarginCertificate2d(unittest.TestCase):
    def test_a_2d_certificate_is_read_with_its_shapes(self):
        # maxmargin is 1-D until its 2-D SDP lands; the reading side is ready: the shipped
        # hand-made 2-D certificate (3x4 images, 2x2 kernels), as the C++ call would return it
        with open(os.path.join(SOURCE, "examples", "maxmargin-bracket-2d.json"),
                  encoding="utf-8") as f:
            text = f.read()
        core = types.SimpleNamespace(certificate=text, relative_gap=0.0, channels=1, seconds=0)
        b = convcert.MaxmarginBracket(core)
        self.assertEqual(b.w.shape, (1, 3, 4))
        self.assertEqual(b.w[0, 1, 1], 0.5)  # flat index 5 = (1, 1)
        self.assertEqual((b.network.u.shape, b.network.v.shape), ((1, 1, 2, 2), (1, 3, 4)))
        np.testing.assert_array_equal(b.network.w, b.w)  # the network realizes w (NumPy path)
        self.assertEqual((b.lower, b.upper), (Fraction(11, 10), Fraction(3, 2)))
        self.assertTrue(convcert.check(b.certificate).startswith("valid (maxmargin-bracket"))


class TestBadInput2d(unittest.TestCase):
    def assert_value_error(self, pattern, f, *args):
        with self.assertRaisesRegex(ValueError, pattern):
            f(*args)

    def test_bad_images(self):
        bad = IMAGE.copy()
        bad[1, 1] = np.nan
        self.assert_value_error("NaN", convcert.regularizer, bad, (2, 2))
        self.assert_value_error("dtype <U1", convcert.regularizer, np.full((2, 2), "a"), (1, 1))
        self.assert_value_error("4 axes", convcert.regularizer, np.ones((1, 2, 3, 3)), (2, 2))
        self.assert_value_error(r"1 axes .*expected \(D1, D2\) or \(R, D1, D2\)",
                                convcert.regularizer, np.ones(9), (1, 3))
        self.assert_value_error("K1 = 4 must satisfy", convcert.regularizer, IMAGE, (4, 1))
        self.assert_value_error("K2 = 4 must satisfy", convcert.closed_form, IMAGE, (1, 4))
        self.assert_value_error("rectangular", convcert.regularizer, [[1, 2], [3]], (1, 1))
        self.assert_value_error("kernel must be", convcert.regularizer, IMAGE, (2, 2, 2))
        self.assert_value_error("at least 1", convcert.regularizer, IMAGE, (0, 2))

    def test_two_dimensional_collapse_and_maxmargin_certified(self):
        net = convcert.Network(np.ones((2, 1, 2, 2)), np.ones((2, 3, 3)))
        self.assertEqual(convcert.collapse(net).channels, 1)  # equal kernels merge exactly
        X = np.arange(4 * 9).reshape(4, 3, 3) % 5 - 2
        b = convcert.maxmargin(X, [1, -1, 1, -1], (2, 2))
        cert = json.loads(b.certificate.json())
        self.assertEqual(cert["claim"]["shape"], [3, 3])
        self.assertEqual(cert["claim"]["kernel_shape"], [2, 2])
        self.assertLessEqual(b.lower, b.upper)
        self.assertTrue(convcert.check(b.certificate).startswith("valid"))
        # The same dataset through the CLI gives the same certificate bytes.
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "d.json")
            out = os.path.join(tmp, "c.json")
            with open(data, "w") as f:
                f.write(convcert.maxmargin_input_json(X, [1, -1, 1, -1], (2, 2)))
            subprocess.run([BINARY, "maxmargin", data, "--kernel", "2x2", "-o", out],
                           check=True, capture_output=True)
            with open(out) as f:
                self.assertEqual(f.read(), b.certificate.json())
        self.assert_value_error("expected \\(N, D1, D2\\)", convcert.maxmargin, X[0], [1], (2, 2))
        self.assert_value_error("K1 = 4 must satisfy", convcert.maxmargin, X, [1, -1, 1, -1],
                                (4, 4))


if __name__ == "__main__":
    unittest.main()
