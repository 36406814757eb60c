"""The install rule: `cmake --install BUILD --component python --prefix P` puts the package into
P/lib/python3.X/dist-packages/convcert (the folder Debian's python3 searches under /usr/local),
and a fresh interpreter whose path holds that folder alone, not build/python, imports it and
certifies and checks a bracket."""

import os
import subprocess
import sys
import tempfile
import unittest

BUILD = os.environ.get("CONVCERT_BUILD_DIR", "build")
CMAKE = os.environ.get("CONVCERT_CMAKE", "cmake")
SITE = os.environ.get("CONVCERT_PYTHON_SITE",
                      f"lib/python{sys.version_info.major}.{sys.version_info.minor}/dist-packages")

PROBE = """
import convcert
b = convcert.regularizer([1, 2, 0, -1], 2)
print(convcert.__file__)
print(convcert.check(b.certificate))
"""


class TestInstall(unittest.TestCase):
    def test_installed_package_imports_and_certifies(self):
        self.assertEqual(SITE, f"lib/python{sys.version_info.major}.{sys.version_info.minor}"
                               "/dist-packages")  # the folder the README documents
        with tempfile.TemporaryDirectory() as prefix:
            subprocess.run([CMAKE, "--install", BUILD, "--component", "python", "--prefix",
                            prefix], check=True, capture_output=True)
            site = os.path.join(prefix, SITE)
            files = sorted(os.listdir(os.path.join(site, "convcert")))
            self.assertIn("__init__.py", files)
            self.assertIn("torch.py", files)
            self.assertTrue(any(f.startswith("_core.") and f.endswith(".so") for f in files),
                            files)
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            run = subprocess.run([sys.executable, "-c", PROBE], cwd=prefix, capture_output=True,
                                 text=True, env={**env, "PYTHONPATH": site}, timeout=120)
            self.assertEqual(run.returncode, 0, run.stderr)
            where, verdict = run.stdout.splitlines()
            self.assertEqual(where, os.path.join(site, "convcert", "__init__.py"))
            self.assertTrue(verdict.startswith("valid (regularizer-bracket, D = 4, K = 2"))


if __name__ == "__main__":
    unittest.main()
