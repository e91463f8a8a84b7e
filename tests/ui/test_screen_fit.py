"""Every page and every kind of player step fits the two smallest common laptop screens.

A real X server (Xvfb) at 1280×720 and at 1366×768, with the openbox window manager when it
is installed (.ci/run installs both), runs tests/screen_walk.py in a process of its own: it
opens the app as a first-time user would, walks every page, every step of the test wizard,
and every kind of player step, and reports each visible button not wholly on the screen.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

XVFB = shutil.which("Xvfb")
OPENBOX = shutil.which("openbox")
WALK = Path(__file__).resolve().parents[1] / "screen_walk.py"
DISPLAYS = range(140, 145)      # the numbers this project's machines set aside for tests
READY_TIMEOUT_S = 15

pytestmark = pytest.mark.skipif(XVFB is None, reason="needs Xvfb (.ci/run installs it)")

EVERY_STOP = [
    "profiles", "test-1-knee-to-wall", "test-2-fist-width", "test-3-fist-screen",
    "test-4-felt-limit", "test-5-squat", "test-results", "train", "progress", "drills",
    "player-setup", "player-get-ready", "player-paced-reps", "player-paused",
    "player-full-screen", "player-after-full-screen", "player-rest", "player-side-switch",
    "player-oscillation", "player-hold", "summary",
]


def _wait_readable(fd: int, what: str) -> bytes:
    ready, _, _ = select.select([fd], [], [], READY_TIMEOUT_S)
    if not ready:
        raise TimeoutError(f"{what} did not start within {READY_TIMEOUT_S} s")
    return os.read(fd, 64)


def _free_display() -> int:
    for number in DISPLAYS:
        if not Path(f"/tmp/.X{number}-lock").exists():
            return number
    pytest.fail(f"no free X display among :{DISPLAYS.start}–:{DISPLAYS.stop - 1}")


@contextmanager
def x_screen(width: int, height: int, tmp_path: Path):
    """A fresh X server of this size (and a window manager on it); yields its DISPLAY."""
    number = _free_display()
    read_end, write_end = os.pipe()
    # -displayfd: Xvfb writes its number to the pipe once it accepts clients (no polling).
    server = subprocess.Popen(
        [XVFB, f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
         "-displayfd", str(write_end)], pass_fds=(write_end,),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    manager = None
    try:
        _wait_readable(read_end, "Xvfb")
        display = f":{number}"
        if OPENBOX:
            # openbox runs its --startup command once it manages the screen.
            fifo = tmp_path / "openbox-ready"
            os.mkfifo(fifo)
            fifo_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            manager = subprocess.Popen(
                [OPENBOX, "--startup", f"sh -c 'echo ready > {fifo}'"],
                env={**os.environ, "DISPLAY": display},
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                _wait_readable(fifo_fd, "openbox")
            finally:
                os.close(fifo_fd)
        yield display
    finally:
        os.close(read_end)
        for process in (manager, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1366, 768)])
def test_every_page_and_player_step_fits_the_screen(tmp_path, width, height):
    with x_screen(width, height, tmp_path) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        walked = subprocess.run([sys.executable, str(WALK)], env=env, capture_output=True,
                                text=True, timeout=240)
    assert walked.returncode == 0, walked.stderr[-3000:]
    report = json.loads(walked.stdout.strip().splitlines()[-1])
    assert report["screen"] == [width, height]
    assert report["stops"] == EVERY_STOP
    assert report["problems"] == []
    assert report["maximised_after_f11"], "leaving full screen (F11) lost the maximised state"
    assert report["maximised_at_end"], "the session's end left full screen but not maximised"
