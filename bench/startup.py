"""Start-up budget: ankle_gui against a bare PySide6 QMainWindow, in the same run.

Three paths, each timed against the bare window in the same run:
- returning user: a profile with a test on record, the window placed before (opens on Train);
- first visit: a profile with nothing measured yet (opens on the Test page);
- empty data folder: no database yet (created on this start; opens on Profiles).

Each run is a fresh process, timed from launch until the first frame that shows the landing
page has been painted (the page's first paint event, and the rest of that frame after it),
then it closes its window as a user would. The bare window is timed the same way, to its
own first painted frame. Peak memory is the child's maximum resident set size, to exit.
Runs alternate bare, app, bare, app...; the verdict per path is the median of the per-pair
ratios.

    python bench/startup.py [--runs 7] [--paths returning,first,empty] [--against DIR]

``--against DIR`` is the A/B mode: the app is also started from the source tree in DIR (for
example ``git worktree add /tmp/before main``), in the same interleaved runs, so a change can
be judged in one run on one machine. The first lines printed say which ankle_gui each side
starts: the children run with ``python -P``, so the folder the bench is started from never
takes the place of the tree asked for.

Before timing, the bench compiles the bytecode of each ankle_gui it starts, as pip does when
it installs the app: a source tree would otherwise compile every module on every start, a
cost that neither an installed app nor the bare window pays.

Budget: to the first painted frame <= 3x the bare window in every path, peak memory <= 1.6x.
The exit code is 1 when a path is over.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

FRAME_BUDGET = 3.0
MEMORY_BUDGET = 1.6

# Both children print the moment their first frame is done, on the monotonic clock that
# Linux shares between processes, and close their window. A paint event comes while Qt
# paints the whole window into its backing store; the zero-length timer it starts fires
# once that frame is finished and flushed.
FIRST_FRAME = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer

class FirstFrame(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.seen = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.done)
        return False

    def done(self):
        print(f"first frame at {time.perf_counter():.6f}", flush=True)
        self.window.close()
"""

BARE = FIRST_FRAME + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.installEventFilter(FirstFrame(window))
window.show()
sys.exit(app.exec())
"""

# The landing page is chosen and built before the window is shown; the watch goes on it then.
APP = FIRST_FRAME + """
from ankle_gui.cli.main import main
from ankle_gui.ui import main_window

shown = main_window.MainWindow.show
def show(window):
    landing = window.built_page(window.current_page_name())
    landing.installEventFilter(FirstFrame(window))
    print(f"landing page: {type(landing).__name__}", flush=True)
    shown(window)
main_window.MainWindow.show = show
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def child_env(source: str | None = None) -> dict[str, str]:
    """The environment of every child; ``source``: a source tree to import ankle_gui from
    instead of the one this process would import."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    if source is not None:
        env["PYTHONPATH"] = source
    return env


def child_command(code: str, *args: str) -> list[str]:
    # -P: the current folder is not put first on the path, or a checkout the bench is run
    # from would be imported in place of the tree asked for (both sides of an A/B alike).
    return [sys.executable, "-P", "-c", code, *args]


def prepare_package(source: str | None = None) -> str:
    """Where the children's ankle_gui comes from, its bytecode compiled as an install has it."""
    where = subprocess.run(
        child_command("import ankle_gui, os; print(os.path.dirname(ankle_gui.__file__))"),
        env=child_env(source), capture_output=True, text=True, check=True).stdout.strip()
    compileall.compile_dir(where, quiet=1)
    return where


class Run:
    """One fresh process: seconds to its first painted frame and to exit, peak RSS in MiB."""

    def __init__(self, code: str, *args: str, source: str | None = None):
        start = time.perf_counter()
        proc = subprocess.Popen(child_command(code, *args), env=child_env(source),
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        self.exit = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"benchmark child failed with exit code {status}:\n{out}")
        frame = re.search(r"first frame at ([0-9.]+)", out)
        if frame is None:
            raise SystemExit(f"benchmark child painted no frame:\n{out}")
        self.frame = float(frame.group(1)) - start
        self.memory = usage.ru_maxrss / 1024  # Linux reports KiB
        landing = re.search(r"landing page: (\w+)", out)
        self.landing = landing.group(1) if landing else "QMainWindow"

    def figure(self, what: str) -> float:
        return getattr(self, what)


def _profile_folder(measured: bool) -> str:
    from ankle_gui.core.clock import to_utc_iso, utc_now
    from ankle_gui.core.records import Measurement, MeasurementKind, Side
    from ankle_gui.store import Store

    folder = tempfile.mkdtemp(prefix="ankle_bench_")
    store = Store.open(folder)
    patient = store.profiles.create("Bench patient")
    if measured:
        now = to_utc_iso(utc_now())
        store.results.add(patient.id, [Measurement(MeasurementKind.KNEE_TO_WALL, side, now, 9.5)
                                       for side in (Side.LEFT, Side.RIGHT)])
        store.profiles.mark_notice_seen(patient.id)
    store.close()
    return folder


class StartPath:
    """One start-up path: where its data folder comes from for each run."""

    def __init__(self, name: str, title: str):
        self.name = name
        self.title = title
        self._folder: str | None = None

    def folder(self) -> str:
        if self.name == "empty":   # the app creates its database: a new folder every run
            return tempfile.mkdtemp(prefix="ankle_bench_empty_")
        if self._folder is None:
            self._folder = _profile_folder(measured=self.name == "returning")
            Run(APP, self._folder)   # places the window, as any earlier start has
        return self._folder


PATHS = {
    "returning": "returning user (Train)",
    "first": "first visit (Test page)",
    "empty": "empty data folder (Profiles)",
}


def bench_path(path: StartPath, runs: int, against: str | None) -> dict[str, list[Run]]:
    Run(BARE)  # warm the disk cache for both, so neither pays for a cold first start
    Run(APP, path.folder())
    timings: dict[str, list[Run]] = {"bare": [], "app": [], "before": []}
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        timings["bare"].append(Run(BARE))
        timings["app"].append(Run(APP, path.folder()))
        if against is not None:
            timings["before"].append(Run(APP, path.folder(), source=against))
    return timings


def median_ratio(runs: list[Run], bare: list[Run], what: str) -> float:
    # Each app run against the bare run of its round: drift in the machine's load hits both
    # sides of a pair alike.
    return statistics.median(a.figure(what) / b.figure(what)
                             for a, b in zip(runs, bare, strict=True))


def report(path: StartPath, timings: dict[str, list[Run]]) -> bool:
    def med(runs: list[Run], what: str) -> float:
        return statistics.median(r.figure(what) for r in runs)

    landings = sorted({r.landing for r in timings["app"]})
    print(f"\n{path.title}: lands on {', '.join(landings)}")
    print("                   1st frame   to exit   peak RSS   (medians)")
    rows = [("bare QMainWindow", "bare"), ("ankle_gui", "app")]
    if timings["before"]:
        rows.append(("--against", "before"))
    for label, key in rows:
        runs = timings[key]
        frame, exited = med(runs, "frame") * 1000, med(runs, "exit") * 1000
        print(f"  {label:17s}{frame:6.0f} ms  {exited:6.0f} ms   {med(runs, 'memory'):5.1f} MiB")
    ok = True
    for label, key in rows[1:]:
        frame, exited, memory = (median_ratio(timings[key], timings["bare"], what)
                                 for what in ("frame", "exit", "memory"))
        within = frame <= FRAME_BUDGET and memory <= MEMORY_BUDGET
        ok = ok and (within or key == "before")
        print(f"  ratio {label:11s}{frame:6.2f} x   {exited:6.2f} x    {memory:5.2f} x"
              f"   {'within budget' if within else 'OVER BUDGET'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--paths", default=",".join(PATHS),
                        help=f"which paths, comma-separated: {', '.join(PATHS)}")
    parser.add_argument("--against", metavar="DIR",
                        help="A/B: also start the app from the source tree in DIR")
    args = parser.parse_args()
    names = [n.strip() for n in args.paths.split(",") if n.strip()]
    unknown = [n for n in names if n not in PATHS]
    if unknown:
        parser.error(f"unknown path {unknown[0]!r}; use {', '.join(PATHS)}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"runs: {args.runs} each, interleaved; platform "
          f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')}; {os.cpu_count()} cores, load "
          f"{load:.2f}; budget: first frame <= {FRAME_BUDGET:.1f} x, peak RSS <= "
          f"{MEMORY_BUDGET:.1f} x the bare window")
    print(f"ankle_gui: {prepare_package()}")
    if args.against is not None:
        print(f"--against: {prepare_package(args.against)}")
    ok = True
    for name in names:
        path = StartPath(name, PATHS[name])
        ok = report(path, bench_path(path, args.runs, args.against)) and ok
    print("\nall paths within budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
