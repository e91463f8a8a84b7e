"""Files written for the user (CSV, PDF) replace an earlier one whole, or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import pathlib
import resource
import signal
import subprocess
import sys
import time

import pytest
from helpers import add_pair, days_ago

from ankle_gui.store.files import WRITING_SUFFIX, write_file_atomically
from ankle_gui.ui.common.current_profile import CurrentProfile

PREVIOUS = b"the export from last week\r\n"


@pytest.fixture
def history(store, profile):
    for week in range(30):
        add_pair(store, profile.id, days_ago(7 * week), 8 + week / 10, 9 + week / 10,
                 note="a note long enough to make the file grow " * 2)
    return profile


@pytest.fixture
def actions(wall, qtbot, store, history, catalogue, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from ankle_gui.ui.progress.progress_actions import ProgressActions

    parent = QWidget()
    qtbot.addWidget(parent)
    current = CurrentProfile(store)
    current.set(history)
    made = ProgressActions(store, current, catalogue, parent, clock=wall)
    made.told = []
    monkeypatch.setattr(made, "inform", lambda title, text, error=False: made.told.append(text))
    return made


def _leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(WRITING_SUFFIX)]


@contextlib.contextmanager
def file_size_limit(size: int):
    """Writes past ``size`` bytes fail with EFBIG, as on a disk that fills up mid-write."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)


def _limited(size: int):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return preexec


def test_a_written_file_is_whole_owner_only_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(PREVIOUS)
    write_file_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


def test_leftovers_of_a_write_cut_short_are_cleared_by_the_next_one(tmp_path):
    target = tmp_path / "out.csv"
    stale = tmp_path / f".out.csv.abc123{WRITING_SUFFIX}"  # a kill mid-write, hours ago
    fresh = tmp_path / f".out.csv.def456{WRITING_SUFFIX}"  # another writer, right now
    other = tmp_path / f".other.csv.abc123{WRITING_SUFFIX}"
    for leftover in (stale, fresh, other):
        leftover.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    for leftover in (stale, other):
        os.utime(leftover, (two_hours_ago, two_hours_ago))
    write_file_atomically(target, b"new")
    assert sorted(_leftovers(tmp_path)) == sorted([fresh.name, other.name])


def test_gui_csv_export_that_fails_midway_keeps_the_earlier_file(actions, tmp_path,
                                                                  monkeypatch):
    target = tmp_path / "results.csv"
    target.write_bytes(PREVIOUS)
    real_write = pathlib.Path.write_bytes

    def disk_full_halfway(self, data):
        real_write(self, data[:len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pathlib.Path, "write_bytes", disk_full_halfway)
    assert not actions.export_csv_to(target, all_profiles=False)
    assert target.read_bytes() == PREVIOUS
    assert "No space left" in actions.told[-1]
    assert _leftovers(tmp_path) == []
    monkeypatch.setattr(pathlib.Path, "write_bytes", real_write)
    assert actions.export_csv_to(target, all_profiles=False)
    assert target.read_bytes().count(b"\r\n") == 61


def test_gui_pdf_that_cannot_be_written_in_full_keeps_the_earlier_file(actions, tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4 last week's report\n%%EOF\n")
    before = target.read_bytes()
    with file_size_limit(20_000):
        assert not actions.export_pdf_to(target)
    assert target.read_bytes() == before
    assert "could not be written in full" in actions.told[-1]
    assert _leftovers(tmp_path) == []
    assert actions.export_pdf_to(target)
    assert target.read_bytes().rstrip().endswith(b"%%EOF")


@pytest.mark.slow
def test_cli_export_that_fails_midway_keeps_the_earlier_file(store, history, data_dir,
                                                             tmp_path):
    target = tmp_path / "results.csv"
    target.write_bytes(PREVIOUS)
    # The app's store stays open above, so the CLI needs no new -shm: only the export grows.
    done = subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", data_dir, "export",
                           "--csv", target], capture_output=True, text=True, timeout=90,
                          cwd=os.environ["HOME"], preexec_fn=_limited(1000))
    assert done.returncode == 1
    assert "could not write" in done.stderr and "Traceback" not in done.stderr
    assert target.read_bytes() == PREVIOUS
    assert _leftovers(tmp_path) == []


def test_a_pdf_that_cannot_be_started_names_the_chosen_file(actions, tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file where a folder should be")
    target = not_a_folder / "report.pdf"
    assert not actions.export_pdf_to(target)
    assert str(target) in actions.told[-1] and WRITING_SUFFIX not in actions.told[-1]
