"""examples/python/train_certify.py runs in 1-D and with --2d: it trains, certifies, saves a
valid certificate, then collapses the model (1-D) or rebuilds the certified network as a model
(2-D), and exits 0 (its own check that the outputs and norms agree)."""

import os
import subprocess
import sys
import tempfile
import unittest

import convcert

SOURCE = os.environ.get("CONVCERT_SOURCE_DIR", ".")


def run_example(*args):
    """(stdout, verdict on the saved certificate) of train_certify.py ARGS OUT; asserts exit 0."""
    script = os.path.join(SOURCE, "examples", "python", "train_certify.py")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "bracket.json")
        run = subprocess.run([sys.executable, script, *args, out], capture_output=True,
                             text=True, timeout=240)
        if run.returncode != 0:
            raise AssertionError(run.stdout + run.stderr)
        return run.stdout, convcert.check(out)


class TestExample(unittest.TestCase):
    def test_train_certify_runs(self):
        stdout, verdict = run_example()
        self.assertIn("certified R_K(w) in [", stdout)
        self.assertIn("collapsed to 1 channel(s)", stdout)
        self.assertTrue(verdict.startswith("valid (regularizer-bracket, D = 16, K = 3"))

    def test_train_certify_2d_runs(self):
        stdout, verdict = run_example("--2d")
        self.assertIn("certified R_K(w) in [", stdout)
        self.assertIn("2-D: no collapse", stdout)
        self.assertIn("certified network as a PyTorch model", stdout)
        self.assertTrue(verdict.startswith("valid (regularizer-bracket, D = 6x6, K = 3x3"))


if __name__ == "__main__":
    unittest.main()
