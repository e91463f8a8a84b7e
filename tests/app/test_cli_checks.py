"""The clinic commands run the app's file checks first, and never end in a traceback (issue 13).

Every case runs the real command in its own process and checks: exit code 1, one clear
message, no traceback, and not one byte changed in the data folder.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest
from helpers import add_pair, days_ago

from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store.files import sidecars

# Every test runs the command line in a process of its own.
pytestmark = pytest.mark.slow


def _run(*args, timeout=90, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "ankle_gui", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=timeout,
                          cwd=os.environ["HOME"])


def _folder_state(folder) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_refused(done, *words):
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") <= 2, done.stderr  # one message, not a dump
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.fixture
def results(data_dir):
    """A closed database holding Ann with 50 knee-to-wall pairs."""
    store = Store.open(data_dir)
    ann = store.profiles.create("Ann")
    for n in range(50):
        add_pair(store, ann.id, days_ago(200 - n), 7.0 + n / 100, 8.0)
    store.close()
    return data_dir


def _csv(tmp_path, profile="Ann"):
    """A good export, made by the app's own export from another folder."""
    from ankle_gui.store.exchange import export_csv

    path = tmp_path / "in.csv"
    if not path.exists():
        source = tmp_path / "elsewhere"
        source.mkdir()
        store = Store.open(source)
        add_pair(store, store.profiles.create(profile).id, days_ago(3), 9.5, 9.0)
        path.write_bytes(export_csv(store, None))
        store.close()
    return path


COMMANDS = {
    "export": lambda tmp, d: ["export", "--data-dir", d, "--csv", tmp / "out.csv"],
    "report": lambda tmp, d: ["report", "--data-dir", d, "--profile", "Ann", "--pdf",
                              tmp / "out.pdf"],
    "import": lambda tmp, d: ["import", "--data-dir", d, "--csv", _csv(tmp),
                              "--create-profiles"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_empty_database_is_not_rewritten(command, data_dir, tmp_path):
    (data_dir / DB_FILENAME).write_bytes(b"")
    before = _folder_state(data_dir)
    done = _run(*COMMANDS[command](tmp_path, data_dir))
    _assert_refused(done, "empty", "Nothing was changed", "--data-dir")
    assert _folder_state(data_dir) == before
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_another_programs_database_gets_no_tables(command, data_dir, tmp_path):
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('a')")
    conn.commit()
    conn.close()
    before = _folder_state(data_dir)
    done = _run(*COMMANDS[command](tmp_path, data_dir))
    _assert_refused(done, "another program", "Nothing was changed")
    assert _folder_state(data_dir) == before


def _foreign_wal(tmp_path, db_path):
    """The -wal of some other database with the same page size, placed next to ours."""
    other = tmp_path / "other.sqlite3"
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode = WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute('CREATE TABLE notes (t TEXT)')\n"
        "for n in range(50): c.execute('INSERT INTO notes VALUES (?)', ['x' * 500])\n"
        "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(other)], check=True)
    wal = sidecars(other)[0]
    assert wal.stat().st_size > 0
    sidecars(db_path)[0].write_bytes(wal.read_bytes())


@pytest.mark.parametrize("command", list(COMMANDS))
def test_unrelated_wal_is_not_checkpointed_into_the_database(command, results, tmp_path):
    db_path = results / DB_FILENAME
    _foreign_wal(tmp_path, db_path)
    before = _folder_state(results)
    done = _run(*COMMANDS[command](tmp_path, results))
    _assert_refused(done, "Nothing was changed")
    assert _folder_state(results) == before
    os.unlink(sidecars(db_path)[0])  # without the stranger's log, all 100 results are there
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*) FROM test_results").fetchone() == (100,)
    finally:
        conn.close()


def test_orphan_wal_is_not_deleted_by_an_import(data_dir, tmp_path):
    wal = sidecars(data_dir / DB_FILENAME)[0]
    wal.write_bytes(b"a change log whose database is gone" * 100)
    before = _folder_state(data_dir)
    done = _run(*COMMANDS["import"](tmp_path, data_dir))
    _assert_refused(done, "log file", "Nothing was changed")
    assert _folder_state(data_dir) == before


def _zero_a_middle_page(db_path):
    data = bytearray(db_path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle:middle + page] = bytes(page)
    db_path.write_bytes(bytes(data))


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_page_zeroed_mid_file_is_a_message(command, results, tmp_path):
    _zero_a_middle_page(results / DB_FILENAME)
    before = _folder_state(results)
    done = _run(*COMMANDS[command](tmp_path, results))
    _assert_refused(done, "damaged", "Nothing was changed")
    assert _folder_state(results) == before


def test_hot_journal_is_left_for_the_app(results, tmp_path):
    db_path = results / DB_FILENAME
    sidecars(db_path)[2].write_bytes(os.urandom(1024))
    before = _folder_state(results)
    done = _run(*COMMANDS["export"](tmp_path, results))
    _assert_refused(done, "cut off", "--data-dir")
    assert _folder_state(results) == before


@pytest.mark.parametrize("option, value", [("--from", "0001-01-01"), ("--to", "9999-12-31")])
def test_far_dates_are_a_message(results, tmp_path, option, value):
    done = _run("report", "--data-dir", results, "--profile", "Ann", "--pdf",
                tmp_path / "out.pdf", option, value)
    _assert_refused(done, value, "leave --from or --to out")
    assert not (tmp_path / "out.pdf").exists()


def test_import_of_an_endless_file_stops_with_a_message(results):
    from ankle_gui.store.files import MAX_IMPORT_BYTES

    before = _folder_state(results)
    done = _run("import", "--data-dir", results, "--csv", "/dev/zero", timeout=60)
    _assert_refused(done, f"larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    assert _folder_state(results) == before


def test_a_directory_as_the_database_is_a_message(data_dir, tmp_path):
    (data_dir / DB_FILENAME).mkdir()
    done = _run(*COMMANDS["export"](tmp_path, data_dir))
    _assert_refused(done, "is a folder")


def test_anything_unexpected_is_one_line_and_a_logged_traceback(results, tmp_path, monkeypatch,
                                                               capsys):
    from ankle_gui.cli import main as cli

    def broken(args, data_dir, clock):
        raise RuntimeError("a bug nobody foresaw")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(cli, "run_command", broken)
    code = cli.main(["export", "--data-dir", str(results), "--csv", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "a bug nobody foresaw" in err
    log = tmp_path / "state" / "ankle_gui" / "ankle_gui.log"
    assert str(log) in err
    assert "Traceback" in log.read_text() and "RuntimeError" in log.read_text()


def test_the_app_start_path_ends_in_one_line_too(data_dir, tmp_path, monkeypatch, capsys):
    from ankle_gui.app import start as app
    from ankle_gui.cli import main as cli

    def broken(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(app, "run_gui", broken)
    assert cli.main(["--data-dir", str(data_dir), "--quit-after", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ankle_gui: Something unexpected went wrong")
    assert err.count("\n") == 1
    assert "OSError" in (tmp_path / "state" / "ankle_gui" / "ankle_gui.log").read_text()


def test_the_app_started_from_an_icon_says_it_in_a_window(data_dir, tmp_path, monkeypatch,
                                                         qapp, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ankle_gui.app import start as app
    from ankle_gui.cli import main as cli

    def broken(*args, **kwargs):
        raise RuntimeError("a bug nobody foresaw")

    shown = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, read_and_close)
            return
        shown.append(box.text())
        box.close()

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(app, "run_gui", broken)
    QTimer.singleShot(20, read_and_close)
    assert cli.main(["--data-dir", str(data_dir)]) == 1
    [text] = shown
    assert "a bug nobody foresaw" in text and "ankle_gui.log" in text
