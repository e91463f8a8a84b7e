"""A real X server (Xvfb) of a given size, with openbox when it is installed, for the tests
that open the app as a person would see it (.ci/run installs both)."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

XVFB = shutil.which("Xvfb")
OPENBOX = shutil.which("openbox")
DISPLAYS = range(140, 145)      # the numbers this project's machines set aside for tests
# Generous: Xvfb and openbox answer as soon as they are up (the waits end then), and on a
# busy machine that can take far longer than on an idle one.
READY_TIMEOUT_S = 120


def _wait_readable(fd: int, what: str, process: subprocess.Popen) -> bytes:
    """What ``process`` writes to ``fd`` once it is up; b"" if it ended first. The wait ends
    as soon as either happens, whatever the time it takes on a busy machine."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            return os.read(fd, 64)
        if process.poll() is not None:
            return b""
    raise TimeoutError(f"{what} did not start within {READY_TIMEOUT_S} s")


def _free_displays() -> list[int]:
    free = [n for n in DISPLAYS if not Path(f"/tmp/.X{n}-lock").exists()]
    if not free:
        pytest.fail(f"no free X display among :{DISPLAYS.start}–:{DISPLAYS.stop - 1}")
    return free


def _start_xvfb(width: int, height: int) -> tuple[subprocess.Popen, int, int]:
    """(the server, its display number, the pipe it wrote to), on the first free number it
    could take: another test run may claim a number between the look and the start."""
    for number in _free_displays():
        read_end, write_end = os.pipe()
        # -displayfd: Xvfb writes its number to the pipe once it accepts clients.
        server = subprocess.Popen(
            [XVFB, f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
             "-displayfd", str(write_end)], pass_fds=(write_end,),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        if _wait_readable(read_end, "Xvfb", server).strip():
            return server, number, read_end
        os.close(read_end)   # it ended at once: the number was taken meanwhile
        server.wait(timeout=10)
    pytest.fail(f"Xvfb would not start on any of :{DISPLAYS.start}–:{DISPLAYS.stop - 1}")


@contextmanager
def x_screen(width: int, height: int, tmp_path: Path):
    """A fresh X server of this size (and a window manager on it); yields its DISPLAY."""
    server, number, read_end = _start_xvfb(width, height)
    manager = None
    try:
        display = f":{number}"
        if OPENBOX:
            # openbox runs its --startup command once it manages the screen.
            fifo = tmp_path / "openbox-ready"
            os.mkfifo(fifo)
            fifo_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            said = tmp_path / "openbox.log"
            with said.open("wb") as log:
                manager = subprocess.Popen(
                    [OPENBOX, "--startup", f"sh -c 'echo ready > {fifo}'"],
                    env={**os.environ, "DISPLAY": display}, stdout=log, stderr=log)
            try:
                if not _wait_readable(fifo_fd, "openbox", manager):
                    pytest.fail(f"openbox ended on {display}: "
                                f"{said.read_text(errors='replace')[-500:]}")
            finally:
                os.close(fifo_fd)
        yield display
    finally:
        os.close(read_end)
        for process in (manager, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
