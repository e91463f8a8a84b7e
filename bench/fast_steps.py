"""Quick steps with sound on: does the sound helper ever hold up the window?

The real Train page runs a 200-step session while a timer presses N every 0.1 s (and B every
tenth press), each step sending a cue to the sound helper. A 5 ms probe timer records the
longest stall of the event loop, less the time other processes had the cores (Linux's
schedstat). Runs alternate: the same session with a silent sink (the baseline), then with
the app's real sound helper playing into the sound server, then silent again, ...

    python bench/fast_steps.py [--runs 3] [--steps 200]

Budget: the median of the per-pair ratios (longest stall with sound / longest stall silent)
is at most 2, so the sound costs the window no more than a busy machine already does. The
figures in milliseconds are printed beside it. Needs a sound server (PulseAudio, or
PipeWire's pulse); without one the sound helper reports it and the bench exits 2.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.core.steps import build_steps
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.train.cue_process import ProcessSound
from ankle_gui.ui.train.cues import CueServices, MockVoice, SilentSound
from ankle_gui.ui.train.train_page import TrainPage

RATIO_BUDGET = 2.0
STEP_EVERY_MS = 100
PROBE_MS = 5
SCHEDSTAT = Path("/proc/thread-self/schedstat")


def queued_s() -> float:
    """Time this thread spent runnable but waiting for a core (Linux); 0 where unknown."""
    try:
        return int(SCHEDSTAT.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


class StallProbe:
    """The longest gap between 5 ms timer shots beyond 5 ms, less run-queue waits."""

    def __init__(self) -> None:
        self.worst_ms = 0.0
        self.worst_wall_ms = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._fired)
        self._last = (0.0, 0.0)

    def start(self) -> None:
        self._last = (time.monotonic(), queued_s())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _fired(self) -> None:
        now, queued = time.monotonic(), queued_s()
        wall_ms = (now - self._last[0]) * 1000 - PROBE_MS
        self.worst_wall_ms = max(self.worst_wall_ms, wall_ms)
        self.worst_ms = max(self.worst_ms, wall_ms - (queued - self._last[1]) * 1000)
        self._last = (now, queued)


def wait_until(app: QApplication, done, limit_s: float = 120.0) -> None:
    end = time.monotonic() + limit_s
    while not done():
        if time.monotonic() > end:
            raise SystemExit("the session did not end")
        app.processEvents()
        time.sleep(0.002)


def one_run(app: QApplication, catalogue, sound, steps: int) -> StallProbe:
    with tempfile.TemporaryDirectory(prefix="ankle_fast_steps_", dir=_memory_folder()) as folder:
        store = Store.open(folder)
        current = CurrentProfile(store)
        current.set(store.profiles.create("Bench"))
        page = TrainPage(store, catalogue, current,
                         cue_services=CueServices(voice=MockVoice, sound=sound))
        page.resize(1366, 768)
        page.show()
        item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH, {"rounds": 2})
        items = [item]
        while len(build_steps(items, catalogue)) < steps:
            items.append(item)
        page.start_plan(items, quick_test=False)
        wait_until(app, lambda: page.cues.sound is not None and (
            page.cues.sound.is_ready or bool(page.cues.sound.problem)))
        if page.cues.sound.problem:
            raise SystemExit(f"no sound output: {page.cues.sound.problem}")
        presses = [0]

        def press() -> None:
            if page.player.running:
                key = Qt.Key.Key_B if presses[0] % 10 == 9 else Qt.Key.Key_N
                QTest.keyClick(page.player, key)
                presses[0] += 1

        stepper = QTimer()
        stepper.setTimerType(Qt.TimerType.PreciseTimer)
        stepper.timeout.connect(press)
        probe = StallProbe()
        probe.start()
        stepper.start(STEP_EVERY_MS)
        wait_until(app, lambda: not page.player.running)
        stepper.stop()
        probe.stop()
        page.shutdown()
        page.deleteLater()
        store.close()
    return probe


def _memory_folder() -> str | None:
    # Each step's set is committed with fsync: on a memory-backed folder a disk busy with
    # other work cannot stall the loop, so what is measured is the player and its sound.
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    catalogue = load_catalogue()
    print(f"fast steps: {args.steps} steps, N every {STEP_EVERY_MS} ms, {args.runs} pairs, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    try:
        one_run(app, catalogue, ProcessSound, 20)   # warm up: the helper, fonts, the page
    except SystemExit as exc:
        print(exc)
        return 2
    silent, loud = [], []
    for _ in range(args.runs):
        silent.append(one_run(app, catalogue, SilentSound, args.steps))
        loud.append(one_run(app, catalogue, ProcessSound, args.steps))
    ratios = [s.worst_ms / max(q.worst_ms, 1.0) for s, q in zip(loud, silent, strict=True)]
    for name, runs in (("silent sink", silent), ("sound helper", loud)):
        print(f"{name:13s} longest stall {', '.join(f'{r.worst_ms:.1f}' for r in runs)} ms "
              f"(wall clock {', '.join(f'{r.worst_wall_ms:.1f}' for r in runs)} ms)")
    ratio = statistics.median(ratios)
    within = ratio <= RATIO_BUDGET
    print(f"sound / silent, median of the pairs: {ratio:.2f} x "
          f"({'within' if within else 'OVER'} the budget of {RATIO_BUDGET:.1f} x)")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
