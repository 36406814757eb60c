"""The 2-D collapse from Python and from .npz files (MATH.md "Two-dimensional signals"): Collapsed
objects with 2-D shapes whose networks realize the input's w exactly (recomputed here in
Fractions) at cost <= cost_in + slack, slack = max(0, cost_out - cost_in); a Conv2d model and its
collapsed to_torch twin compute the same outputs; `convcert collapse --npz` reads numpy's savez
and savez_compressed files (the same certificate bytes as the JSON input), writes the collapsed
network with --npz-out (values the correctly rounded doubles of the certificate's), and refuses
malformed archives with one line, exit 2 and no output file. Run by ctest (label python)."""

from fractions import Fraction
import itertools
import json
import os
import subprocess
import tempfile
import unittest
import zipfile

import numpy as np

import convcert
import convcert.npz

BINARY = os.environ.get("CONVCERT_BINARY", "build/convcert")


def predictor_2d(u, v):
    """w[j1][j2] = sum_c sum_k u_c[k1][k2] v_c[j1 - k1][j2 - k2] (R = 1) in Fractions."""
    C, K1, K2 = len(u), len(u[0]), len(u[0][0])
    D1, D2 = len(v[0]), len(v[0][0])
    w = [[Fraction(0)] * D2 for _ in range(D1)]
    for c, k1, k2, j1, j2 in itertools.product(range(C), range(K1), range(K2), range(D1),
                                               range(D2)):
        w[j1][j2] += u[c][k1][k2] * v[c][(j1 - k1) % D1][(j2 - k2) % D2]
    return w


def fractions(a):
    return [[[Fraction(float(x)) for x in row] for row in m] for m in np.asarray(a)]


def squares(nested):
    return sum(x * x for x in np.array(nested, dtype=object).flat)


def random_network(seed, C=5, K=(2, 2), D=(3, 3)):
    """u (C, K1, K2) and v (C, D1, D2) with small dyadic entries."""
    rng = np.random.default_rng(seed)
    return (rng.integers(-4, 5, (C,) + K) / 2.0, rng.integers(-4, 5, (C,) + D) / 4.0)


class TestCollapse2d(unittest.TestCase):
    def test_more_channels_than_kernel_entries_collapse_exactly(self):
        for seed, K, D in [(1, (2, 2), (3, 3)), (2, (2, 1), (3, 4)), (3, (2, 2), (4, 3))]:
            with self.subTest(seed=seed):
                u, v = random_network(seed, 5, K, D)
                c = convcert.collapse(u, v)
                self.assertLess(c.channels, 5)
                self.assertEqual(c.channels_in, 5)
                self.assertEqual(c.u.shape, (c.channels, 1) + K)
                self.assertEqual(c.v.shape, (c.channels,) + D)
                self.assertEqual(c.w.shape, (1,) + D)
                w_in = predictor_2d(fractions(u), fractions(v))
                exact_u = [k[0] for k in c.exact["u"]]
                self.assertEqual(predictor_2d(exact_u, c.exact["v"]), w_in)
                cost_in, cost_out = squares(fractions(u)) + squares(fractions(v)), \
                    squares(exact_u) + squares(c.exact["v"])
                self.assertEqual(c.cost_in, cost_in)
                self.assertEqual(c.cost_out, cost_out)
                self.assertEqual(c.slack, max(Fraction(0), cost_out - cost_in))
                np.testing.assert_allclose(c.w[0], np.array(w_in, dtype=float), atol=1e-12)
                self.assertTrue(convcert.check(c.certificate).startswith("valid"))

    def test_r_axis_form_and_math_md_needs_two_channels(self):
        w = np.array([[2, -2, -3], [3, 2, -1], [0, 1, -3]], dtype=float)
        u = np.eye(4).reshape(4, 1, 2, 2)  # four channels e_k, v_0 = w
        v = np.zeros((4, 3, 3))
        v[0] = w
        c = convcert.collapse(u, v)
        self.assertEqual(c.channels, 2)  # one channel is not always possible in 2-D
        self.assertEqual(c.slack, 0)
        np.testing.assert_allclose(c.w[0], w, atol=1e-12)
        with self.assertRaisesRegex(RuntimeError, "no collapse: the input has C = 2 channels"):
            convcert.collapse(c)

    def test_bad_shapes_raise_value_error(self):
        u, v = random_network(4)
        for bad_u, bad_v, pattern in [
                (u, v[:4], "u has 5 channels but v has 4"),
                (u[:, None], v[:, 0], r"expected u \(C, R, K\) with v"),
                (u, v[:, :1], r"kernel shape \(2, 2\) exceeds the signal shape"),
                (u[0], v, "u has 2 axes"),
                (np.where(u == u.flat[0], np.nan, u), v, "NaN")]:
            with self.subTest(pattern=pattern):
                with self.assertRaisesRegex(ValueError, pattern):
                    convcert.collapse(bad_u, bad_v)


class TestTorch2d(unittest.TestCase):
    def test_collapsed_conv2d_model_computes_the_same_outputs(self):
        try:
            import torch
            from torch import nn
            from convcert.torch import from_torch, to_torch
        except ImportError:
            self.skipTest("torch is not installed")
        torch.manual_seed(3)
        conv = nn.Conv2d(1, 6, (2, 2), padding="same", padding_mode="circular", bias=False)
        model = nn.Sequential(conv, nn.Flatten(), nn.Linear(6 * 4 * 4, 1, bias=False))
        net = from_torch(model)
        c = convcert.collapse(net)
        self.assertLess(c.channels, 6)
        small = to_torch(c)
        self.assertIsInstance(small[0], nn.Conv2d)
        X = np.random.default_rng(9).standard_normal((7, 1, 4, 4))
        with torch.no_grad():
            got = small(torch.as_tensor(X)).reshape(-1).numpy()
            want = model.double()(torch.as_tensor(X)).reshape(-1).numpy()
        np.testing.assert_allclose(got, want, atol=1e-9)
        norm = sum(float((p ** 2).sum()) for p in small.parameters())
        self.assertLessEqual(norm, float(c.cost_in + c.slack) * (1 + 1e-12))


def run(*args):
    return subprocess.run([BINARY, "collapse", *args], capture_output=True, text=True)


class TestCollapseNpz(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_savez_and_savez_compressed_give_the_json_inputs_certificate(self):
        u, v = random_network(5)
        with open(self.path("net.json"), "w", encoding="utf-8") as f:
            f.write(convcert.network_input_json(u, v))
        ref = run(self.path("net.json"), "-o", self.path("ref.json"))
        self.assertEqual(ref.returncode, 0, ref.stderr)
        with open(self.path("ref.json"), encoding="utf-8") as f:
            want = f.read()
        one_d = convcert.Network(np.array([[[1.5, -2.0]], [[0.25, 1.0]], [[3.0, 0.5]]]),
                                 np.arange(18.0).reshape(3, 6) % 5 - 2)
        with open(self.path("one_d.json"), "w", encoding="utf-8") as f:
            f.write(convcert.network_input_json(one_d.u, one_d.v))
        self.assertEqual(run(self.path("one_d.json"), "-o", self.path("ref1.json")).returncode, 0)
        with open(self.path("ref1.json"), encoding="utf-8") as f:
            want_1d = f.read()
        for save in (np.savez, np.savez_compressed):
            for arrays, expected in [({"u": u, "v": v}, want),
                                     ({"u": u[:, None].astype(np.float32), "v": v}, want),
                                     ({"u": one_d.u, "v": one_d.v}, want_1d)]:
                with self.subTest(save=save.__name__, u=arrays["u"].shape):
                    save(self.path("net.npz"), **arrays)
                    got = run("--npz", self.path("net.npz"), "-o", self.path("c.json"))
                    self.assertEqual(got.returncode, 0, got.stderr)
                    with open(self.path("c.json"), encoding="utf-8") as f:
                        self.assertEqual(f.read(), expected)
        # --npz-out: the collapsed network, float64, readable by network_load
        np.savez(self.path("net2.npz"), u=u, v=v)
        got = run("--npz", self.path("net2.npz"), "-o", self.path("c.json"), "--npz-out",
                  self.path("out.npz"))
        self.assertEqual(got.returncode, 0, got.stderr)
        self.assertRegex(got.stdout, r"network to .*out.npz \(\d+ value\(s\) rounded")
        back = convcert.npz.network_load(self.path("out.npz"))
        cert = convcert.Certificate(want)
        exact = cert.data["claim"]["output"]
        self.assertEqual(back.u.shape, (len(exact["u"]), 1, 2, 2))
        self.assertEqual(back.v.shape, (len(exact["v"]), 3, 3))
        for got_row, row in zip(back.v.reshape(len(exact["v"]), -1), exact["v"]):
            self.assertEqual(list(got_row), [float(Fraction(x)) for x in row])
        np.testing.assert_allclose(back.w[0], np.array(predictor_2d(fractions(u), fractions(v)),
                                                       dtype=float), atol=1e-12)
        # convcert.npz.network_save's files too
        convcert.npz.network_save(self.path("saved.npz"), convcert.Network(u[:, None], v))
        got = run("--npz", self.path("saved.npz"), "-o", self.path("c2.json"))
        self.assertEqual(got.returncode, 0, got.stderr)
        with open(self.path("c2.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), want)

    def test_r_input_channels_same_bytes_as_json(self):
        rng = np.random.default_rng(11)
        for u_shape, v_shape in [((3, 2, 2), (3, 5)), ((9, 2, 2, 2), (9, 3, 3))]:
            with self.subTest(u=u_shape):
                u = rng.integers(-3, 4, u_shape) / 2.0
                v = rng.integers(-3, 4, v_shape) / 4.0
                with open(self.path("r.json"), "w", encoding="utf-8") as f:
                    f.write(convcert.network_input_json(u, v))
                ref = run(self.path("r.json"), "-o", self.path("r-ref.json"))
                self.assertEqual(ref.returncode, 0, ref.stderr)
                np.savez_compressed(self.path("r.npz"), u=u, v=v)
                got = run("--npz", self.path("r.npz"), "-o", self.path("r-got.json"))
                self.assertEqual(got.returncode, 0, got.stderr)
                with open(self.path("r-ref.json"), encoding="utf-8") as a, \
                        open(self.path("r-got.json"), encoding="utf-8") as b:
                    self.assertEqual(a.read(), b.read())

    def assert_refused(self, name, pattern):
        out = self.path("out.json")
        got = run("--npz", self.path(name), "-o", out)
        self.assertEqual(got.returncode, 2, got.stderr)
        self.assertEqual(got.stdout, "")
        self.assertEqual(got.stderr.count("\n"), 1, got.stderr)
        self.assertRegex(got.stderr, "^convcert collapse: .*" + pattern)
        self.assertFalse(os.path.exists(out))

    def test_malformed_archives_exit_2_without_output(self):
        u, v = random_network(6)
        np.savez(self.path("good.npz"), u=u, v=v)
        with open(self.path("good.npz"), "rb") as f:
            good = f.read()
        with open(self.path("truncated.npz"), "wb") as f:
            f.write(good[:len(good) // 2])
        self.assert_refused("truncated.npz", "not a zip archive")
        with open(self.path("text.npz"), "wb") as f:
            f.write(b"u,v\n1,2\n")
        self.assert_refused("text.npz", "not a zip archive")
        with zipfile.ZipFile(self.path("member.npz"), "w") as z:
            z.writestr("u.npy", b"not an array")
            z.writestr("v.npy", b"\x93NUMPY")
        self.assert_refused("member.npz", "member [uv].npy: .npy: ")
        with zipfile.ZipFile(self.path("pickle.npz"), "w") as z:
            z.writestr("u.pkl", b"\x80\x04K\x01.")
        self.assert_refused("pickle.npz", "member u.pkl is not a .npy array")
        np.savez(self.path("no_v.npz"), u=u)
        self.assert_refused("no_v.npz", "no array \"v\"")
        bad = v.copy()
        bad[0, 1, 1] = np.nan
        np.savez_compressed(self.path("nan.npz"), u=u, v=bad)
        self.assert_refused("nan.npz", "member v.npy: .npy: .*NaN")
        np.savez(self.path("strings.npz"), u=u.astype(str), v=v)
        self.assert_refused("strings.npz", "member u.npy: .npy: ")
        np.savez(self.path("shapes.npz"), u=u, v=v[..., None])
        self.assert_refused("shapes.npz", r"u has shape \(5, 2, 2\) and v \(5, 3, 3, 1\)")
        np.savez(self.path("k_gt_d.npz"), u=np.ones((2, 1, 4)), v=np.ones((2, 3)))
        self.assert_refused("k_gt_d.npz", "K = 4 must satisfy 1 <= K <= D = 3")
        np.savez(self.path("huge.npz"), u=np.ones((5000, 1, 1)), v=np.ones((5000, 1)))
        self.assert_refused("huge.npz", "more than 4096 channels")
        # a corrupted deflate stream (CRC) in an otherwise well-formed archive
        np.savez_compressed(self.path("crc.npz"), u=u, v=v)
        with open(self.path("crc.npz"), "rb") as f:
            data = bytearray(f.read())
        data[60] ^= 0xFF
        with open(self.path("crc.npz"), "wb") as f:
            f.write(bytes(data))
        self.assert_refused("crc.npz", "")


if __name__ == "__main__":
    unittest.main()
