"""SIGTERM, SIGHUP and logging out end the app as Quit would (issue 28, 8): the finished sets
kept, no session left 'running', and no lock or -wal behind. It was a crash (exit -15)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from ankle_gui.store import DB_FILENAME


def test_a_quit_signal_reaches_the_event_loop_once(qapp, qtbot):
    from ankle_gui.app.system_quit import SystemQuit

    asked = []
    before = signal.getsignal(signal.SIGTERM)
    watcher = SystemQuit(qapp, lambda: asked.append("quit"))
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: asked == ["quit"])
        os.kill(os.getpid(), signal.SIGHUP)  # a second one while closing changes nothing
        qtbot.wait(50)
        assert asked == ["quit"]
    finally:
        watcher.uninstall()
    assert signal.getsignal(signal.SIGTERM) is before


def test_logging_out_quits_too(qapp):
    """The session manager's request on logging out is wired to the same quit (it cannot be
    sent from here: it carries the session manager itself)."""
    from PySide6.QtCore import SIGNAL

    from ankle_gui.app.system_quit import SystemQuit

    request = SIGNAL("commitDataRequest(QSessionManager&)")
    before = qapp.receivers(request)
    asked = []
    watcher = SystemQuit(qapp, lambda: asked.append("quit"))
    try:
        assert qapp.receivers(request) == before + 1
        watcher.quit()
        watcher.quit()
        assert asked == ["quit"]
    finally:
        watcher.uninstall()
    assert qapp.receivers(request) == before


def _sets(log) -> list[tuple[int, int]]:
    if not log.exists():
        return []
    return [(int(f[1]), int(f[2])) for f in (line.split() for line in log.read_text().splitlines())
            if f and f[0] == "set"]


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_the_app_ended_by_the_system_keeps_its_sets_and_leaves_nothing(tmp_path, sig):
    data_dir, log = tmp_path / "data", tmp_path / "sets.log"
    data_dir.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir),
                            "--scripted-session", str(log)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120  # a guard only: the loop waits for three sets
        while len(_sets(log)) < 3 and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_sets(log)) >= 3, "the scripted session never got going"
        app.send_signal(sig)
        _, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err
    assert "asked by the system to end" in err
    left = sorted(p.name for p in data_dir.iterdir() if p.is_file())
    assert left == [DB_FILENAME], left  # no -wal, no -shm, no lock
    conn = sqlite3.connect(f"{(data_dir / DB_FILENAME).as_uri()}?mode=ro", uri=True)
    try:
        statuses = dict(conn.execute("SELECT status, count(*) FROM training_sessions "
                                     "GROUP BY status").fetchall())
        stored = set(conn.execute("SELECT session_id, step_index FROM completed_sets"))
    finally:
        conn.close()
    assert "running" not in statuses, statuses
    assert set(_sets(log)) <= stored


@pytest.mark.slow
def test_sigterm_while_start_up_asks_a_question_ends_it_as_quit(tmp_path):
    """The recovery dialog at start-up (here: a link to nothing) is answered "Quit"."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_FILENAME).symlink_to(tmp_path / "drive" / "clinic.sqlite3")
    lock = data_dir / "ankle_gui.lock"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir)],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60  # a guard only: the loop waits for the lock
        while not lock.exists() and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert lock.exists(), "the app never took its lock"
        app.send_signal(signal.SIGTERM)
        _, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 2, err  # quit at the question: nothing was opened
    assert "asked by the system to end" in err
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILENAME]
    assert not (tmp_path / "drive").exists()
