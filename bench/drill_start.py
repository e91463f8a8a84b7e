"""From the click on *Start* to the drill player answering a key, with each voice set-up.

Each run is a fresh process with its own data folder: the real main window on the Train
page, one drill in the session builder, a mouse click on *Start* 3 s after the page is
shown, then Space posted to the event loop. The figure is the time from the click until
the player has moved on from its first step. After that the process keeps its loop
running for 3 s and reports the longest stall, to show that nothing arriving later (the
voice becoming ready, or giving up) stalls the window either.

Three set-ups, runs alternating between them:
- ``healthy``: the app's real cues (speechd voice and sound helpers) with a speech daemon
  that is up and answering;
- ``stuck``: the same, but ``SPEECHD_ADDRESS`` points at a socket that accepts and never
  answers;
- ``mock``: Qt's ``mock`` speech engine and a silent sink, as in the tests.

    python bench/drill_start.py [--runs 7]

Budget: with the real cues, healthy or stuck, the median click-to-key time, less the time
the window's thread waited for a core while other processes had them, is at most 1.5x the
same figure for the ``mock`` set-up in the same run (which loads no audio at all); the exit
code is 1 when either is over. The figures in milliseconds are printed beside it, against the
issue's 150 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading

RATIO_BUDGET = 1.5
TARGET_MS = 150.0   # printed for reference: what a person would notice
WATCH_AFTER_S = 3.0
# The click comes this long after the Train page is shown: a person picking a drill and
# its dose takes longer. (The page prepares the player and the cue helpers after 0.6 s.)
CLICK_AT_MS = 3000

CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.store import Store
from ankle_gui.ui.train.cues import quiet_cues, system_cues
from ankle_gui.ui.main_window import MainWindow

mode, folder = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv[:1])
store = Store.open(folder)
catalogue = load_catalogue()
profile = store.profiles.create("Bench")
services = quiet_cues() if mode == "mock" else system_cues()
window = MainWindow(store, catalogue, cue_services=services)
window.current.set(profile)
window.resize(1366, 768)
window.show()
window.show_page("Train")
page = window.trainPage
page.builder.set_items([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)])
page.builder.quickTestCheck.setChecked(False)
result = {}
last = [0.0]
worst = [0.0]

def queued_s():
    # Time this thread spent runnable but waiting for a core (Linux); 0 where unknown.
    try:
        with open("/proc/thread-self/schedstat") as stat:
            return int(stat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0

def probe():
    now = time.perf_counter()
    worst[0] = max(worst[0], (now - last[0]) * 1000 - 5)
    last[0] = now

def key():
    QTest.keyClick(page.player, Qt.Key.Key_Space)
    if page.player.view.kind.name != "SETUP":
        result["click_to_key_ms"] = (time.perf_counter() - clicked) * 1000
        result["waiting_for_a_core_ms"] = (queued_s() - clicked_queued) * 1000
        last[0] = time.perf_counter()
        timer.start(5)

def settle():
    window.activateWindow()
    global clicked, clicked_queued
    clicked_queued = queued_s()
    clicked = time.perf_counter()
    QTest.mouseClick(page.builder.startButton, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, key)   # handled once the loop turns again after the click

def finish():
    cues = page.cues
    result["longest_stall_after_ms"] = worst[0]
    result["voice"] = "muted" if cues.voice is None else (cues.voice.problem or (
        "ready" if cues.voice.is_ready else "starting"))
    result["note"] = page.player.noteLabel.text()
    print("RESULT " + json.dumps(result), flush=True)
    page.shutdown()
    app.quit()

timer = QTimer()
timer.setTimerType(Qt.TimerType.PreciseTimer)
timer.timeout.connect(probe)
QTimer.singleShot(CLICK_AT_MS, settle)
QTimer.singleShot(CLICK_AT_MS + int(WATCH_S * 1000), finish)
app.exec()
""".replace("WATCH_S", str(WATCH_AFTER_S)).replace("CLICK_AT_MS", str(CLICK_AT_MS))


class NeverAnswers:
    """A speech daemon socket that accepts connections and never answers."""

    def __init__(self, folder: str):
        self.path = os.path.join(folder, "speechd.sock")
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(16)
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.held.append(self.server.accept()[0])
            except OSError:
                return


def run_once(mode: str, stuck_address: str) -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if mode == "stuck":
        env["SPEECHD_ADDRESS"] = stuck_address
    with tempfile.TemporaryDirectory(prefix="ankle_drill_start_") as folder:
        env["HOME"] = folder   # the app's settings and data stay out of the real ones
        env["XDG_DATA_HOME"] = os.path.join(folder, "share")
        env["XDG_CONFIG_HOME"] = os.path.join(folder, "config")
        done = subprocess.run([sys.executable, "-c", CHILD, mode, folder], env=env,
                              capture_output=True, text=True, timeout=60)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit(f"{mode}: no result\n{done.stderr[-3000:]}")


def warm_up_daemon() -> str:
    """Start the speech daemon (if it is not running) and wait until it answers."""
    helper = subprocess.Popen([sys.executable, "-m", "ankle_gui.ui.train.cue_worker", "voice"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    answers = []
    for line in helper.stdout:
        answers.append(line.strip())
        if '"ready"' in line or '"failed"' in line:
            break
    helper.stdin.close()   # the helper leaves when its input ends
    helper.wait(10)
    return ", ".join(answers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    print(f"drill start: {args.runs} runs per set-up, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}")
    print(f"speech daemon before the runs: {warm_up_daemon()}")
    modes = ("healthy", "stuck", "mock")
    results: dict[str, list[dict]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory(prefix="ankle_stuck_") as folder:
        stuck = NeverAnswers(folder)
        for _ in range(args.runs):
            for mode in modes:
                results[mode].append(run_once(mode, f"unix_socket:{stuck.path}"))
    ok = True
    def own_ms(run: dict) -> float:
        return run["click_to_key_ms"] - run["waiting_for_a_core_ms"]

    baseline = statistics.median(own_ms(r) for r in results["mock"])
    for mode in modes:
        runs = results[mode]
        times = [r["click_to_key_ms"] for r in runs]
        own = [own_ms(r) for r in runs]
        stalls = [r["longest_stall_after_ms"] for r in runs]
        voices = sorted({r["voice"] for r in runs})
        ratio = statistics.median(own) / baseline
        met = mode == "mock" or ratio <= RATIO_BUDGET
        ok &= met
        print(f"\n{mode}: click to key median {statistics.median(times):.0f} ms, "
              f"max {max(times):.0f} ms (the issue's {TARGET_MS:.0f} ms: "
              f"{'met' if max(times) <= TARGET_MS else 'not met'} in every run)")
        if mode != "mock":
            print(f"  {ratio:.2f} x the mock set-up's, less waits for a core "
                  f"({'within' if met else 'OVER'} the budget of {RATIO_BUDGET:.1f} x)")
        print(f"  each run: {', '.join(f'{t:.0f}' for t in times)} ms")
        print(f"  less the time other processes had the cores: median "
              f"{statistics.median(own):.0f} ms, max {max(own):.0f} ms")
        print(f"  longest stall in the {WATCH_AFTER_S:.0f} s after: median "
              f"{statistics.median(stalls):.0f} ms, max {max(stalls):.0f} ms")
        print(f"  voice {WATCH_AFTER_S:.0f} s after the key: {', '.join(voices)}")
    print("\nwithin budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
