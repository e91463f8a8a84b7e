"""Start-up budget: ankle_gui against a bare PySide6 QMainWindow, in the same run.

Each run is a fresh process, timed from launch until its window is shown and the
event loop is idle (a zero-length timer fires), then it quits. Peak memory is the
child's maximum resident set size. Runs alternate bare, app, bare, app...; the verdict
is the median of the per-pair ratios, and the medians of each side are printed too.

    python bench/startup.py [--runs 7]

Target: ratio ≤ 1.5 for wall time and for peak memory.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
def close_as_a_user_would():
    print(f"bare: closing at {time.perf_counter():.6f}", flush=True)
    window.close()
QTimer.singleShot(0, close_as_a_user_would)
sys.exit(app.exec())
"""

APP = """
import sys
from ankle_gui.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--quit-after", "0"]))
"""


def run_once(code: str, *args: str) -> tuple[float, float, float]:
    """(seconds to idle, seconds to exit, peak RSS in MiB) for one fresh process.

    Idle is when the child's zero-length timer fires, the window shown; the child prints
    that moment on the monotonic clock, which Linux shares between processes.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    exited = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed with exit code {proc.returncode}")
    idle_at = float(re.search(r"closing at ([0-9.]+)", out).group(1))
    return idle_at - start, exited, usage.ru_maxrss / 1024  # Linux reports KiB


def prepare_data_dir() -> str:
    """A returning user: one profile with a first test on record (so the app opens on Train)."""
    from ankle_gui.core.clock import to_utc_iso, utc_now
    from ankle_gui.core.records import Measurement, MeasurementKind, Side
    from ankle_gui.store import Store

    folder = tempfile.mkdtemp(prefix="ankle_bench_")
    store = Store.open(folder)
    patient = store.profiles.create("Bench patient")
    now = to_utc_iso(utc_now())
    store.results.add(patient.id, [Measurement(MeasurementKind.KNEE_TO_WALL, side, now, 9.5)
                                   for side in (Side.LEFT, Side.RIGHT)])
    store.profiles.mark_notice_seen(patient.id)
    store.close()
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    data_dir = prepare_data_dir()
    run_once(BARE)  # warm the disk cache for both, so neither pays for a cold first start
    run_once(APP, data_dir)
    bare, app = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        bare.append(run_once(BARE))
        app.append(run_once(APP, data_dir))

    def median_ratio(k: int) -> float:
        # Each app run against the bare run just before it: drift in the machine's load
        # hits both sides of a pair alike.
        return statistics.median(a[k] / b[k] for a, b in zip(app, bare, strict=True))

    def med(runs, k: int) -> float:
        return statistics.median(r[k] for r in runs)

    print(f"runs: {args.runs} each, interleaved; platform {os.environ.get('QT_QPA_PLATFORM')}")
    print("                   to idle    to exit   peak RSS   (medians)")
    for name, runs in (("bare QMainWindow", bare), ("ankle_gui", app)):
        print(f"{name:17s}  {med(runs, 0) * 1000:5.0f} ms   {med(runs, 1) * 1000:5.0f} ms"
              f"   {med(runs, 2):5.1f} MiB")
    idle, exited, mem = median_ratio(0), median_ratio(1), median_ratio(2)
    print(f"median ratio       {idle:5.2f} x    {exited:5.2f} x    {mem:5.2f} x"
          "   (target <= 1.50 x: to idle, and peak RSS)")
    ok = idle <= 1.5 and mem <= 1.5
    print("within budget" if ok else "OVER BUDGET")
    print(f"data folder kept for inspection: {data_dir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
