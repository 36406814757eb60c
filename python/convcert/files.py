"""Output files written atomically: a temporary file in the same folder, then a rename, so a
failed write leaves nothing behind (as the CLI's support/atomic_file)."""

import os
import tempfile


def file_write_atomic(path, write):
    """Calls write(f) on a binary temporary file next to `path`, then renames it to `path`."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".convcert-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
