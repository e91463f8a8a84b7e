"""The app's log: in the platform's log folder, errors and warnings together, a size cap,
and no patient's name in it."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from ankle_gui.app import error_log
from ankle_gui.store import Store

NAME = "Zoë Quartermain"


@pytest.fixture
def state_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    yield tmp_path / "state"
    error_log.stop_logging()


def test_each_platform_has_its_own_log_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert error_log.log_folder("linux") == tmp_path / ".local" / "state" / "ankle_gui"
    assert error_log.log_folder("darwin") == tmp_path / "Library" / "Logs" / "ankle_gui"
    assert error_log.log_folder("win32") == tmp_path / "Local" / "ankle_gui" / "Logs"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert error_log.log_folder("linux") == tmp_path / "xdg" / "ankle_gui"
    assert error_log.log_folder("darwin") == tmp_path / "Library" / "Logs" / "ankle_gui"


def test_warnings_and_errors_go_to_one_file_that_stops_growing(state_home):
    path = error_log.start_logging()
    assert path == state_home / "ankle_gui" / "ankle_gui.log" == error_log.log_path()
    logging.getLogger("ankle_gui.ui.train.cues").warning("cue service did not start: x")
    logging.getLogger("ankle_gui.ui.train.cues").info("chatter that is not kept")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        logging.captureWarnings(True)  # pytest put its own hook in; the app's is this one
        warnings.warn("an old API", DeprecationWarning, stacklevel=1)
    try:
        raise ValueError("a bug")
    except ValueError as exc:
        assert error_log.log_unexpected(exc, "export") == path
    text = path.read_text(encoding="utf-8")
    assert "WARNING ankle_gui.ui.train.cues: cue service did not start" in text
    assert "chatter" not in text
    assert "DeprecationWarning: an old API" in text
    assert "Unexpected error in ankle-gui export" in text and "ValueError: a bug" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for _ in range(3000):  # about 4 MB of warnings
        logging.getLogger("ankle_gui").warning("x" * 1400)
    files = sorted(path.parent.glob("ankle_gui.log*"))
    assert [f.name for f in files] == ["ankle_gui.log", "ankle_gui.log.1", "ankle_gui.log.2",
                                       "ankle_gui.log.3"]
    assert all(f.stat().st_size <= error_log.MAX_BYTES for f in files)
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def test_names_are_kept_out_whatever_logs_them(state_home):
    known = ["Sam", NAME]
    path = error_log.start_logging(lambda: known)
    error_log.keep_out(["Kim Lee"])
    logging.getLogger("ankle_gui.ui.train.cues").warning("voice failed for %s", NAME.upper())
    try:
        raise KeyError(f"Kim Lee and {NAME}")
    except KeyError as exc:
        error_log.log_unexpected(exc)
    text = path.read_text(encoding="utf-8")
    assert "Quartermain" not in text.replace("[name]", "") and "QUARTERMAIN" not in text
    assert "Kim Lee" not in text
    assert "voice failed for [name]" in text and "KeyError: '[name] and [name]'" in text


def test_the_command_line_is_not_logged_and_its_names_stay_out(state_home, data_dir,
                                                              monkeypatch, capsys):
    from ankle_gui.cli import main as cli

    store = Store.open(data_dir)
    store.profiles.create("Ana Lima")
    store.close()

    def broken(args, data_dir, clock):
        from ankle_gui.cli.common import open_store

        open_store(data_dir, create=False).close()  # the store's names are now known
        raise RuntimeError(f"{args.profile} and Ana Lima broke it")

    monkeypatch.setattr(cli, "run_command", broken)
    out = data_dir / "out.csv"
    assert cli.main(["export", "--data-dir", str(data_dir), "--profile", NAME,
                     "--csv", str(out)]) == 1
    assert str(state_home / "ankle_gui" / "ankle_gui.log") in capsys.readouterr().err
    text = (state_home / "ankle_gui" / "ankle_gui.log").read_text(encoding="utf-8")
    assert "RuntimeError: [name] and [name] broke it" in text
    assert "Quartermain" not in text and "Ana Lima" not in text and "--profile" not in text


RAISE_WITH_A_NAME = """
import logging, sys, warnings
from PySide6.QtCore import QTimer
from ankle_gui.cli import main as cli
from ankle_gui.store import StoreError
from ankle_gui.ui import main_window

shown = main_window.MainWindow.show
def show(self):
    shown(self)
    def fail():
        logging.getLogger("ankle_gui.ui.train.cues").warning("no voice for %s", sys.argv[2])
        raise StoreError(f"locked while saving {sys.argv[2]}'s set")
    QTimer.singleShot(50, fail)
main_window.MainWindow.show = show
sys.exit(cli.main(["--data-dir", sys.argv[1], "--quit-after", "600"]))
"""


def test_the_window_keeps_its_profiles_names_out_of_the_log(data_dir, tmp_path):
    store = Store.open(data_dir)
    store.profiles.create(NAME)
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "st")}
    done = subprocess.run([sys.executable, "-c", RAISE_WITH_A_NAME, str(data_dir), NAME],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "st" / "ankle_gui" / "ankle_gui.log").read_text(encoding="utf-8")
    assert "no voice for [name]" in text and "locked while saving [name]'s set" in text
    assert "Quartermain" not in text
