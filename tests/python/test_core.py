"""convcert from Python without torch: brackets, factors and collapses byte-identical to the
CLI's on the same input, values checked against independent NumPy/Fraction computations, the
checker's verdicts, and ValueError for bad arrays. Run by ctest (label python) with
PYTHONPATH=build/python and CONVCERT_BINARY=build/convcert."""

from fractions import Fraction
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import numpy as np

import convcert
from convcert.arrays import floats_from_strings, fractions_from_strings, rational_string
from convcert.bigint import decimal_from_int, int_from_decimal
from convcert.progress import call_with_progress

BINARY = os.environ.get("CONVCERT_BINARY", "build/convcert")
SOURCE = os.environ.get("CONVCERT_SOURCE_DIR", ".")


def example(name):
    return os.path.join(SOURCE, "examples", name)


def cli_certificate(args, tmp):
    """The certificate `convcert ARGS -o OUT` writes, as text."""
    out = os.path.join(tmp, "cli.json")
    subprocess.run([BINARY] + args + ["-o", out], check=True, capture_output=True)
    with open(out, encoding="utf-8") as f:
        return f.read()


def exact_predictor(u, v):
    """sum_c u_c * v_c in Fractions, u: C lists of K (R = 1), v: C lists of D."""
    D = len(v[0])
    return [sum(uc[k] * vc[(j - k) % D] for uc, vc in zip(u, v) for k in range(len(uc)))
            for j in range(D)]


def fractions(rows):
    return np.array([[Fraction(x) for x in row] for row in rows], dtype=object)


class TestRegularizer(unittest.TestCase):
    W = [1, -5, 3, 0, 0, 2, 0.5, -0.25]  # examples/input-regularizer.json, as floats

    def test_same_certificate_bytes_as_the_cli(self):
        b = convcert.regularizer(np.array(self.W), 3)
        with tempfile.TemporaryDirectory() as tmp:
            cli = cli_certificate(["regularizer", example("input-regularizer.json"),
                                   "--kernel", "3"], tmp)
        self.assertEqual(b.certificate.json(), cli)

    def test_two_input_channels_same_bytes_as_the_cli(self):
        with open(example("input-regularizer-r2.json"), encoding="utf-8") as f:
            w = fractions(json.load(f)["w"])
        b = convcert.regularizer(w, 2)
        with tempfile.TemporaryDirectory() as tmp:
            cli = cli_certificate(["regularizer", example("input-regularizer-r2.json"),
                                   "--kernel", "2"], tmp)
        self.assertEqual(b.certificate.json(), cli)
        self.assertEqual(b.network.u.shape[:2], (b.channels, 2))
        self.assertGreaterEqual(b.channels, 2)

    def test_bracket_contains_the_closed_forms(self):
        w = np.array(self.W)
        k1 = convcert.regularizer(w, 1)
        kd = convcert.regularizer(w, 8)
        two_norm = 2 * np.linalg.norm(w)  # MATH.md §5, computed here independently
        fourier = 2 / 8 * np.sum(np.abs(np.fft.fft(w)))
        self.assertLessEqual(float(k1.lower), two_norm * (1 + 1e-12))
        self.assertGreaterEqual(float(k1.upper), two_norm * (1 - 1e-12))
        self.assertLessEqual(float(kd.lower), fourier * (1 + 1e-12))
        self.assertGreaterEqual(float(kd.upper), fourier * (1 - 1e-12))
        self.assertAlmostEqual(convcert.closed_form(w, 1), two_norm, places=12)
        self.assertAlmostEqual(convcert.closed_form(w, 8), fourier, places=12)

    def test_bracket_fields_and_its_network_realizes_w_exactly(self):
        b = convcert.regularizer(self.W, 3)
        self.assertIsInstance(b.lower, Fraction)
        self.assertIsInstance(b.upper, Fraction)
        self.assertLessEqual(b.lower, b.upper)
        self.assertAlmostEqual(b.gap, float((b.upper - b.lower) / b.upper), places=12)
        self.assertEqual(b.channels, 1)
        self.assertEqual(b.network.u.shape, (1, 1, 3))
        self.assertEqual(b.network.v.shape, (1, 8))
        u = [row[0] for row in b.network.exact["u"]]
        w = [Fraction(x) for x in self.W]
        self.assertEqual(exact_predictor(u, b.network.exact["v"]), w)
        np.testing.assert_allclose(b.network.w[0], self.W, atol=1e-12)
        cost = sum(x * x for row in u for x in row) + sum(
            x * x for row in b.network.exact["v"] for x in row)
        self.assertEqual(cost, b.upper)

    def test_closed_form_refuses_an_intermediate_kernel(self):
        with self.assertRaisesRegex(ValueError, "no closed form"):
            convcert.closed_form(self.W, 3)

    def test_save_then_check_the_file(self):
        b = convcert.regularizer(self.W, 2)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "b.json")
            b.certificate.save(path)
            self.assertEqual(os.listdir(tmp), ["b.json"])
            self.assertTrue(convcert.check(path).startswith("valid (regularizer-bracket"))

    def test_the_call_releases_the_gil(self):
        w = np.sin(np.arange(384) * 0.7) + 0.25 * np.cos(np.arange(384) * 2.1)  # 0.5 s, 2 cores
        ticks = []
        done = threading.Event()

        def solve():
            convcert.regularizer(w, 25)
            done.set()

        t = threading.Thread(target=solve)
        start = time.monotonic()
        t.start()
        while not done.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.005)
        t.join()
        seconds = time.monotonic() - start
        # With the GIL held through the C++ work the loop would be stuck for the whole call.
        self.assertGreater(seconds, 0.05, "the call is too fast to tell")
        gaps = np.diff([start] + ticks + [time.monotonic()])
        self.assertLess(gaps.max(), 0.5 * seconds)

    def test_progress_is_called_while_the_call_runs(self):
        w = np.sin(np.arange(384) * 0.7) + 0.25 * np.cos(np.arange(384) * 2.1)  # 0.5 s
        seen = []
        b = convcert.regularizer(w, 25, progress=seen.append)  # every 0.5 s
        self.assertEqual(seen, sorted(seen))
        self.assertEqual(b.certificate.json(), convcert.regularizer(w, 25).certificate.json())
        with self.assertRaisesRegex(ValueError, "callable"):
            convcert.regularizer(w, 25, progress=3)
        with self.assertRaisesRegex(ValueError, "K"):  # the call's own errors pass through
            convcert.regularizer([1, 2], 3, progress=seen.append)

    def test_progress_heartbeat(self):
        seen = []
        self.assertEqual(call_with_progress(lambda: time.sleep(0.3) or 7, seen.append, 0.05), 7)
        self.assertGreaterEqual(len(seen), 3)
        self.assertTrue(all(0 < t < 1 for t in seen))


class TestBigRationals(unittest.TestCase):
    """Certificates hold rationals beyond Python's 4300-digit int/str limit (a 28x28 bracket's
    upper bound: 11415 characters); Fraction(text) raised ValueError on them."""

    def test_certificate_strings_beyond_4300_digits(self):
        text = "-1" + "0" * 4999 + "1/7"  # -(10^5000 + 1) / 7, built without a conversion
        q = Fraction(-(10 ** 5000 + 1), 7)
        self.assertEqual(fractions_from_strings([text, "3"]), [q, 3])
        self.assertEqual(rational_string(q), text)
        self.assertAlmostEqual(floats_from_strings([text.replace("/7", "/" + "1" + "0" * 4999)])[0],
                               -10.0)

    def test_round_trip_agrees_with_str_without_the_limit(self):
        rng = random.Random(1)
        numbers = [rng.getrandbits(b) for b in (1, 60, 14000, 40000, 100000)] + [10 ** 4000]
        old = sys.get_int_max_str_digits()
        try:
            sys.set_int_max_str_digits(0)  # only for the independent reference str(n)
            want = [str(n) for n in numbers]
        finally:
            sys.set_int_max_str_digits(old)
        for n, text in zip(numbers, want):
            self.assertEqual(decimal_from_int(n), text)
            self.assertEqual(decimal_from_int(-n), "-" + text if n else "0")
            self.assertEqual(int_from_decimal(text), n)
        with self.assertRaisesRegex(ValueError, "not a decimal integer"):
            int_from_decimal("12a")


class TestBadInput(unittest.TestCase):
    def assert_value_error(self, pattern, f, *args):
        with self.assertRaisesRegex(ValueError, pattern):
            f(*args)

    def test_bad_arrays(self):
        self.assert_value_error("NaN", convcert.regularizer, [1.0, np.nan, 2.0], 2)
        self.assert_value_error("NaN or infinite", convcert.regularizer, [1.0, np.inf], 1)
        self.assert_value_error("dtype <U1", convcert.regularizer, np.array(["1", "2"]), 1)
        self.assert_value_error("dtype complex", convcert.regularizer, np.array([1j, 2]), 1)
        self.assert_value_error("dtype bool", convcert.regularizer, np.array([True, False]), 1)
        self.assert_value_error("4 axes", convcert.regularizer, np.zeros((2, 2, 2, 2)), 1)
        self.assert_value_error("1 axes", convcert.regularizer, np.zeros(4), (2, 2))
        self.assert_value_error("empty", convcert.regularizer, [], 1)
        self.assert_value_error("rectangular", convcert.regularizer, [[1, 2], [3]], 1)
        self.assert_value_error("type str", convcert.regularizer,
                                np.array([1, "x"], dtype=object), 1)
        self.assert_value_error("kernel must be", convcert.regularizer, [1, 2], 1.5)
        self.assert_value_error("K", convcert.regularizer, [1, 2, 3], 4)

    def test_one_row_is_one_input_channel(self):
        self.assertEqual(convcert.regularizer_input_json([[1, 0.5, -2]], 2),
                         '{"D": 3, "w": ["1", "1/2", "-2"]}')

    def test_bad_networks(self):
        self.assert_value_error("channels", convcert.collapse, np.ones((2, 1, 2)), np.ones((3, 4)))
        self.assert_value_error("axes", convcert.collapse, np.ones((2, 2)), np.ones((2, 4)))
        self.assert_value_error("exceeds", convcert.collapse, np.ones((1, 1, 5)), np.ones((1, 4)))
        self.assert_value_error("NaN", convcert.collapse, np.ones((1, 1, 2)),
                                np.array([[1, np.nan, 0, 0]]))

    def test_bad_factor_input(self):
        self.assert_value_error("method", convcert.factor, [[1, 2]], "newton")
        self.assert_value_error("digits", convcert.factor, [[1, 2]], "auto", 5)
        self.assert_value_error("axes", convcert.factor, np.ones((2, 2, 2)))


class TestFactor(unittest.TestCase):
    def test_same_bytes_as_the_cli_and_c_is_a_factor(self):
        f = convcert.factor(np.array([[1, 2, -3], [0.5, 0, 4]]))
        with tempfile.TemporaryDirectory() as tmp:
            cli = cli_certificate(["factor", example("input-issue.json")], tmp)
        self.assertEqual(f.certificate.json(), cli)
        a = np.array([[1, 2, -3], [0.5, 0, 4]])
        target = sum(np.correlate(x, x, "full")[2:] for x in a)  # lags 0..K-1
        np.testing.assert_allclose(np.correlate(f.c, f.c, "full")[2:], target, rtol=1e-12)
        self.assertIn(f.kind, ("lemma-exact", "lemma-enclosure"))
        self.assertTrue(convcert.check(f.certificate).startswith("valid (" + f.kind))

    def test_one_vector_factors_to_itself_up_to_sign(self):
        f = convcert.factor([3, 4], method="enclosure", digits=40)
        self.assertEqual(f.kind, "lemma-enclosure")
        self.assertEqual(len(f.c_decimal), 2)
        np.testing.assert_allclose(np.abs(f.c), [4, 3] if abs(f.c[0]) > 3.5 else [3, 4])
        np.testing.assert_allclose(np.correlate(f.c, f.c, "full")[1:], [25, 12], rtol=1e-12)


class TestCollapse(unittest.TestCase):
    def network(self):
        with open(example("network-3ch.json"), encoding="utf-8") as f:
            net = json.load(f)
        u = np.array([[[Fraction(x) for x in k]] for k in net["u"]], dtype=object)
        return u, fractions(net["v"])

    def test_same_bytes_as_the_cli_and_the_predictor_is_kept(self):
        u, v = self.network()
        c = convcert.collapse(u, v)
        with tempfile.TemporaryDirectory() as tmp:
            cli = cli_certificate(["collapse", example("network-3ch.json")], tmp)
        self.assertEqual(c.certificate.json(), cli)
        w_in = exact_predictor([list(k[0]) for k in u], [list(r) for r in v])
        w_out = exact_predictor([k[0] for k in c.exact["u"]], c.exact["v"])
        self.assertEqual(w_out, w_in)
        cost_in = sum(x * x for x in u.flat) + sum(x * x for x in v.flat)
        self.assertEqual(c.cost_in, cost_in)
        self.assertLessEqual(c.cost_out, c.cost_in + c.slack)
        self.assertEqual((c.channels_in, c.channels), (3, 1))
        np.testing.assert_allclose(c.w[0], [float(x) for x in w_in], rtol=1e-12)

    def test_collapse_of_a_network_object(self):
        rng = np.random.default_rng(3)
        net = convcert.Network(rng.standard_normal((4, 1, 3)), rng.standard_normal((4, 7)))
        c = convcert.collapse(net)
        np.testing.assert_allclose(c.w, net.w, atol=1e-12)
        self.assertLessEqual(c.cost(), net.cost() * (1 + 1e-12))


class TestCheck(unittest.TestCase):
    def test_tampered_certificate_is_rejected(self):
        b = convcert.regularizer([1, 2, 0, -1], 2)
        data = json.loads(b.certificate.json())
        data["claim"]["upper"] = str(Fraction(data["claim"]["lower"]) / 2)  # upper < lower
        with self.assertRaises(convcert.CertificateInvalid) as e:
            convcert.check(json.dumps(data))
        self.assertIn("INVALID", e.exception.line)
        self.assertEqual(e.exception.status, 1)

    def test_malformed_and_missing(self):
        with self.assertRaises(convcert.CertificateInvalid) as e:
            convcert.check("{not json")
        self.assertEqual(e.exception.status, 2)
        with self.assertRaises(FileNotFoundError):
            convcert.check("/nonexistent/cert.json")

    def test_shipped_examples_are_valid(self):
        for name in ("regularizer-bracket.json", "network-collapse.json", "lemma-exact.json"):
            self.assertTrue(convcert.check(example(name)).startswith("valid"), name)


class TestMaxmargin(unittest.TestCase):
    def test_same_bytes_as_the_cli_and_the_margins_hold_exactly(self):
        with open(example("dataset-synthetic.json"), encoding="utf-8") as f:
            data = json.load(f)
        X, y = np.array(data["x"]), np.array(data["y"])
        b = convcert.maxmargin(X, y, 2)
        with tempfile.TemporaryDirectory() as tmp:
            cli = cli_certificate(["maxmargin", example("dataset-synthetic.json"), "--kernel",
                                   "2"], tmp)
        self.assertEqual(b.certificate.json(), cli)
        self.assertLessEqual(b.lower, b.upper)
        w = b.w_exact[0]
        for x, label in zip(data["x"], data["y"]):
            self.assertGreaterEqual(label * sum(Fraction(a) * c for a, c in zip(x, w)), 1)

    def test_float_samples_over_a_denominator(self):
        X = [[0.5, 1.0], [1.0, -2.25]]
        b = convcert.maxmargin(X, [1, -1], 1)
        claim = json.loads(b.certificate.json())["claim"]
        self.assertEqual(claim["x_denominator"], "4")
        self.assertEqual(claim["x"], [["2", "4"], ["4", "-9"]])
        w = b.w_exact[0]
        for x, label in zip(X, [1, -1]):
            self.assertGreaterEqual(label * sum(Fraction(a) * c for a, c in zip(x, w)), 1)
        self.assertTrue(convcert.check(b.certificate).startswith("valid"))

    def test_bad_samples(self):
        with self.assertRaisesRegex(ValueError, "labels"):
            convcert.maxmargin([[1, 1], [1, 2]], [1, 0], 1)
        with self.assertRaisesRegex(ValueError, "2 samples but 3 labels"):
            convcert.maxmargin([[1, 1], [1, 2]], [1, -1, 1], 1)


if __name__ == "__main__":
    unittest.main()
