"""Start-up budget: ankle_gui against a bare PySide6 QMainWindow, in the same run.

Each run is a fresh process, timed from launch until its window is shown and the
event loop is idle (a zero-length timer fires), then it quits. Peak memory is the
child's maximum resident set size. We report the median of each and their ratio.

    python bench/startup.py [--runs 7]

Target: ratio ≤ 1.5 for wall time and for peak memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

APP = """
import sys
from ankle_gui.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--quit-after", "0"]))
"""


def run_once(code: str, *args: str) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) for one fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed with exit code {proc.returncode}")
    return wall, usage.ru_maxrss / 1024  # Linux reports KiB


def prepare_data_dir() -> str:
    """A returning user: one profile with a first test on record (so the app opens on Train)."""
    from ankle_gui.core.clock import to_utc_iso, utc_now
    from ankle_gui.core.records import Side, TestKind, TestResult
    from ankle_gui.store import Store

    folder = tempfile.mkdtemp(prefix="ankle_bench_")
    store = Store.open(folder)
    patient = store.profiles.create("Bench patient")
    now = to_utc_iso(utc_now())
    store.results.add(patient.id, [TestResult(TestKind.KNEE_TO_WALL, side, now, 9.5)
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
    b_wall = statistics.median(w for w, _ in bare)
    a_wall = statistics.median(w for w, _ in app)
    b_mem = statistics.median(m for _, m in bare)
    a_mem = statistics.median(m for _, m in app)
    print(f"runs: {args.runs} each, interleaved; platform {os.environ.get('QT_QPA_PLATFORM')}")
    print(f"bare QMainWindow : wall {b_wall * 1000:7.0f} ms   peak RSS {b_mem:6.1f} MiB")
    print(f"ankle_gui        : wall {a_wall * 1000:7.0f} ms   peak RSS {a_mem:6.1f} MiB")
    print(f"ratio            : wall {a_wall / b_wall:7.2f} x    peak RSS {a_mem / b_mem:6.2f} x"
          "   (target <= 1.50 x)")
    ok = a_wall / b_wall <= 1.5 and a_mem / b_mem <= 1.5
    print("within budget" if ok else "OVER BUDGET")
    Path(data_dir)  # kept for inspection; it is in the system temp folder
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
