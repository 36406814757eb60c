"""examples/python/train_certify.py runs: it trains, certifies, saves a valid certificate,
collapses the model and exits 0 (its own check that the outputs and norms agree)."""

import os
import subprocess
import sys
import tempfile
import unittest

import convcert

SOURCE = os.environ.get("CONVCERT_SOURCE_DIR", ".")


class TestExample(unittest.TestCase):
    def test_train_certify_runs(self):
        script = os.path.join(SOURCE, "examples", "python", "train_certify.py")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "bracket.json")
            run = subprocess.run([sys.executable, script, out], capture_output=True, text=True,
                                 timeout=240)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            self.assertIn("certified R_K(w) in [", run.stdout)
            self.assertIn("collapsed to 1 channel(s)", run.stdout)
            self.assertTrue(convcert.check(out).startswith("valid (regularizer-bracket"))


if __name__ == "__main__":
    unittest.main()
