"""A real X server (Xvfb) of a given size, with openbox when it is installed, for the tests
that open the app as a person would see it (.ci/run installs both)."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

XVFB = shutil.which("Xvfb")
OPENBOX = shutil.which("openbox")
DISPLAYS = range(140, 145)      # the numbers this project's machines set aside for tests
# Generous: Xvfb and openbox answer as soon as they are up (the waits end then), and on a
# busy machine that can take far longer than on an idle one.
READY_TIMEOUT_S = 120


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
