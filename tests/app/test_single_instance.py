"""One instance per data folder, checked with real processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import pytest
from helpers import can_make_read_only, read_only_folder
from PySide6.QtCore import QLockFile
from PySide6.QtNetwork import QLocalSocket

from ankle_gui.app.instance import LOCK_FILENAME, SingleInstance, server_name
from ankle_gui.app.safe_start import claim_data_folder
from ankle_gui.store.recovery import Choice, Problem

pytestmark = pytest.mark.slow


def _start(data_dir, log, quit_after_ms: int):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir),
         "--quit-after", str(quit_after_ms)],
        stdout=subprocess.DEVNULL, stderr=log.open("w"), env=env)


def _listening(data_dir) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    ok = socket.waitForConnected(200)
    socket.abort()
    return ok


def _lock_pid(data_dir) -> int:
    return int((data_dir / LOCK_FILENAME).read_text().split()[0])


def test_second_start_wakes_the_first_and_stale_lock_is_taken_over(qtbot, data_dir, tmp_path):
    first = _start(data_dir, tmp_path / "first.log", 60_000)
    try:
        qtbot.waitUntil(lambda: _listening(data_dir), timeout=30_000)
        assert _lock_pid(data_dir) == first.pid

        second = subprocess.run(
            [sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir),
             "--quit-after", "30000"],
            capture_output=True, text=True, timeout=60,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        assert second.returncode == 0
        assert "already open on this data folder" in second.stderr
        assert "Traceback" not in second.stderr
        qtbot.waitUntil(lambda: "asked for this window" in (tmp_path / "first.log").read_text(),
                        timeout=10_000)
        assert first.poll() is None and _lock_pid(data_dir) == first.pid
    finally:
        first.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind
        first.wait()
    assert (data_dir / LOCK_FILENAME).exists()

    third = _start(data_dir, tmp_path / "third.log", 60_000)
    try:
        qtbot.waitUntil(lambda: _listening(data_dir), timeout=30_000)
        assert _lock_pid(data_dir) == third.pid  # the stale lock was taken over
    finally:
        third.terminate()
        third.wait(timeout=30)
    assert "already open" not in (tmp_path / "third.log").read_text()


def test_held_lock_without_an_answer_exits_with_a_message(data_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from PySide6.QtCore import QLockFile; "
         f"l = QLockFile({str(data_dir / LOCK_FILENAME)!r}); l.setStaleLockTime(0); "
         "print(l.tryLock(0), flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        other = subprocess.run(
            [sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir),
             "--quit-after", "300"],
            capture_output=True, text=True, timeout=60,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert other.returncode == 0
    assert "already open on this data folder (process" in other.stderr
    assert "did not answer" in other.stderr
    assert not (data_dir / "ankle_gui.sqlite3").exists()  # never opened the data


def test_in_process_lock_release_and_reacquire(data_dir):
    one = SingleInstance(data_dir)
    assert one.acquire()
    two = SingleInstance(data_dir)
    assert not two.acquire() and not two.cannot_write()
    assert two.holder() == f"process {os.getpid()} on {socket.gethostname()}"
    one.release()
    assert two.acquire()
    two.release()


def test_lock_file_is_owner_only(data_dir):
    one = SingleInstance(data_dir)
    assert one.acquire()
    try:
        assert (data_dir / LOCK_FILENAME).stat().st_mode & 0o077 == 0
    finally:
        one.release()
    assert QLockFile(str(data_dir / LOCK_FILENAME)).tryLock(0)


@pytest.mark.skipif(not can_make_read_only(), reason="root without chattr: no read-only folder")
def test_read_only_folder_is_explained_not_mistaken_for_a_running_copy(qtbot, data_dir):
    asked = []

    def ask(diagnosis, backup):
        asked.append(diagnosis.problem)
        return Choice.QUIT

    with read_only_folder(data_dir):
        assert claim_data_folder(data_dir, ask) is None
    assert asked == [Problem.READ_ONLY_FOLDER]
    instance = claim_data_folder(data_dir, ask)  # writable again: held at once, no question
    assert instance is not None and asked == [Problem.READ_ONLY_FOLDER]
    instance.release()


def test_the_socket_name_is_the_one_every_version_uses(tmp_path):
    # A second start must find a running copy of another version: the name stays the first
    # 20 hex digits of SHA-256 over "uid:folder", however it is computed.
    import hashlib

    key = f"{os.getuid() if hasattr(os, 'getuid') else ''}:{tmp_path.resolve()}"
    assert server_name(tmp_path) == "ankle_gui-" + hashlib.sha256(key.encode()).hexdigest()[:20]
