"""examples/python/train_certify.ipynb executes: Debian's jupyter-nbconvert (scripts/setup.sh)
runs it on a copy, in a temporary folder beside a copy of train_certify.py which it imports;
every cell must run, print the brackets and write a certificate the checker accepts."""

import os
import shutil
import subprocess
import tempfile
import unittest

import nbformat

import convcert

FOLDER = os.path.join(os.environ.get("CONVCERT_SOURCE_DIR", "."), "examples", "python")


class TestNotebook(unittest.TestCase):
    def test_the_notebook_executes(self):
        nbconvert = shutil.which("jupyter-nbconvert")
        self.assertIsNotNone(nbconvert, "jupyter-nbconvert is missing (scripts/setup.sh)")
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("train_certify.ipynb", "train_certify.py"):
                shutil.copy(os.path.join(FOLDER, name), tmp)
            run = subprocess.run(
                [nbconvert, "--to", "notebook", "--execute", "--output", "out.ipynb",
                 "--ExecutePreprocessor.timeout=240", "train_certify.ipynb"],
                cwd=tmp, capture_output=True, text=True, timeout=300,
                env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
            self.assertEqual(run.returncode, 0, run.stderr[-2000:])
            nb = nbformat.read(os.path.join(tmp, "out.ipynb"), as_version=4)
            text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                           for o in c.outputs)
            self.assertFalse(any(o.get("output_type") == "error" for c in nb.cells
                                 if c.cell_type == "code" for o in c.outputs))
            self.assertIn("certified R_K(w) in [", text)
            self.assertIn("4 channels -> 1", text)
            self.assertIn("valid (regularizer-bracket, D = 6x6, K = 3x3", text)
            self.assertTrue(convcert.check(os.path.join(tmp, "bracket.json")).startswith(
                "valid (regularizer-bracket, D = 16, K = 3"))


if __name__ == "__main__":
    unittest.main()
