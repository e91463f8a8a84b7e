"""Privacy basics: owner-only files on POSIX, and no network connection, ever."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ankle_gui.core.plan import PlanItem, default_dose
from ankle_gui.core.records import SessionStatus, Side
from ankle_gui.store.backups import MANUAL
from ankle_gui.store.recovery import Choice
from ankle_gui.store.startup import open_store_safely

posix_only = pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """The most common desktop umask: without our care, files would be world-readable."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@posix_only
def test_new_data_folder_database_and_backups_are_owner_only(tmp_path, loose_umask):
    data_dir = tmp_path / "new" / "data"
    opened = open_store_safely(data_dir, lambda d, b: Choice.QUIT)
    try:
        opened.store.profiles.create("Ann")
        backup = opened.backups.make(opened.store.db.conn, MANUAL)
        db = opened.store.path
        companions = [db.with_name(db.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in companions)
        assert _mode(data_dir) == 0o700
        assert {_mode(p) for p in (db, *companions)} == {0o600}
        assert _mode(backup.path.parent) == 0o700 and _mode(backup.path) == 0o600
    finally:
        opened.store.close()


@posix_only
def test_set_aside_files_stay_owner_only(data_dir, loose_umask):
    db = data_dir / "ankle_gui.sqlite3"
    db.write_bytes(os.urandom(8192))
    db.chmod(0o600)
    opened = open_store_safely(data_dir, lambda d, b: Choice.FRESH_START, daily_backup=False)
    opened.store.close()
    folder = data_dir / "set-aside"
    assert _mode(folder) == 0o700
    assert {_mode(p) for p in folder.iterdir()} == {0o600}


@posix_only
@pytest.mark.slow
def test_the_app_creates_everything_owner_only(tmp_path):
    data_dir = tmp_path / "fresh"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for _ in range(2):  # the second start makes the day's backup of the demo data
        run = subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir),
                              "--demo", "--quit-after", "300"],
                             env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    folders = [data_dir, *(p for p in data_dir.rglob("*") if p.is_dir())]
    assert any(p.parent.name == "backups" for p in files)
    assert {_mode(p) for p in files} == {0o600}
    assert {_mode(p) for p in folders} == {0o700}


class NetworkBlocked(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python code could reach the network records the attempt and fails."""
    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append((name, args[1:] if name.startswith("socket.") else args))
            raise NetworkBlocked(f"network use attempted: {name}")
        return blocked

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def _inet_sockets() -> set[str]:
    """Inodes of this process's open TCP/UDP sockets (Linux), to catch Qt's C++ sockets too."""
    ours = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            ours.add(target[8:-1])
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path("/proc/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                inet.add(line.split()[9])
    return ours & inet


def test_a_full_session_opens_no_network_connection(wall, qtbot, cue_services, data_dir, catalogue,
                                                    no_network):
    from ankle_gui.ui.main_window import MainWindow

    inet_before = _inet_sockets() if Path("/proc/net/tcp").exists() else set()
    opened = open_store_safely(data_dir, lambda d, b: Choice.QUIT)
    store = opened.store
    try:
        window = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
        qtbot.addWidget(window)
        window.show()
        window.current.set(store.profiles.create("Ann"))
        for page in ("Profiles", "Test", "Progress", "Drills", "Train"):
            window.show_page(page)
        drill = next(d for d in catalogue if d.runnable)
        page = window.trainPage
        assert page.start_plan([PlanItem(drill.id, Side.BOTH, default_dose(drill), "")],
                               quick_test=False)
        player = page.player
        for _ in range(2000):
            if not page.running:
                break
            engine = player.engine
            if engine.pending is not None:
                qtbot.wait(5)
            elif engine.waiting:
                player.primary()
            elif engine.step.kind.counts_reps:
                player.repCounter.tapped.emit()
            else:
                player.nextButton.click()
        session = store.training.sessions(window.current.id)[-1]
        assert session.status == SessionStatus.COMPLETED
        assert store.training.sets(session.id)
        window.show_page("Progress")
        window.close()
    finally:
        store.close()
    assert no_network == []
    if inet_before is not None:
        assert _inet_sockets() - inet_before == set()


def test_the_network_guard_really_catches_an_attempt(no_network):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(NetworkBlocked):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 80))
    assert [name for name, _ in no_network] == ["create_connection", "socket.connect"]
