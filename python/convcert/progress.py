"""Progress while a C++ call runs: the call (which releases the GIL) runs in a worker thread
and the caller's thread calls progress(seconds) every `interval` seconds until it ends. This is
a heartbeat with the elapsed time, not a report of stages (the C++ pipelines have no progress
hooks); an exception raised by the callback stops the waiting, not the C++ work, which runs to
its end in the background."""

import threading
import time


def call_with_progress(f, progress, interval=0.5):
    """f() when progress is None; otherwise f() in a worker thread, with progress(seconds)
    called every `interval` seconds (interval > 0) while it runs. Returns f's result or
    raises its exception."""
    if progress is None:
        return f()
    if not callable(progress):
        raise ValueError(f"progress must be callable, not {type(progress).__name__}")
    if not interval > 0:
        raise ValueError(f"interval must be positive, not {interval!r}")
    outcome = {}

    def run():
        try:
            outcome["result"] = f()
        except BaseException as e:  # handed to the caller's thread
            outcome["error"] = e

    worker = threading.Thread(target=run, daemon=True)
    start = time.monotonic()
    worker.start()
    while not worker.join(interval) and worker.is_alive():
        progress(time.monotonic() - start)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
