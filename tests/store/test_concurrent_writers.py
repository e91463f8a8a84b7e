"""Writers that wait: CLI imports and an export next to the app training, all at once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from ankle_gui.app.scripted import PROFILE_NAME
from ankle_gui.core.csv_format import COLUMNS
from ankle_gui.store import DB_FILENAME, Store

pytestmark = pytest.mark.slow

ROUNDS = 20
ROWS_PER_IMPORT = 40


def _cli(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ankle_gui", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=os.environ["HOME"])


def _import_file(path, profiles: list[str], start: datetime) -> None:
    lines = [",".join(COLUMNS)]
    for i in range(ROWS_PER_IMPORT):
        name = profiles[i % len(profiles)]
        when = (start + timedelta(seconds=i)).isoformat()
        lines.append(f"{name},{when},knee_to_wall,left,{8 + i / 10:.1f},,,,baseline,")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def _gui_sets(log) -> set[tuple[int, int]]:
    """(session, step) of every set the window reported saved; whole lines only."""
    lines = log.read_text().split("\n")[:-1] if log.exists() else []
    return {(int(p[1]), int(p[2])) for p in map(str.split, lines) if p and p[0] == "set"}


def test_two_imports_and_an_export_at_once_beside_training_never_fail(data_dir, tmp_path,
                                                                       qtbot):
    Store.open(data_dir).close()
    # The real window, training session after session through its drill player and
    # committing each set as it goes (the crash harness's scripted mode). A set it cannot
    # save holds the player at that step, so it must still be saving sets at the end.
    gui_log = tmp_path / "gui.log"
    gui = subprocess.Popen([sys.executable, "-m", "ankle_gui", "--data-dir", data_dir,
                            "--scripted-session", gui_log], cwd=os.environ["HOME"],
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                           stderr=subprocess.DEVNULL)
    failures = []
    try:
        qtbot.waitUntil(lambda: len(_gui_sets(gui_log)) > 0, timeout=30_000)
        base = datetime(2025, 1, 1, 9, tzinfo=UTC)
        for n in range(ROUNDS):
            first, second = tmp_path / f"a{n}.csv", tmp_path / f"b{n}.csv"
            # Both files create the same new profile in the first round, and both write
            # into "Shared" in every round: the two transactions want the same rows.
            _import_file(first, ["Ann", "Shared"], base + timedelta(days=n))
            _import_file(second, ["Bo", "Shared"], base + timedelta(days=n, hours=1))
            runs = [_cli("--data-dir", data_dir, "import", "--csv", first, "--create-profiles"),
                    _cli("--data-dir", data_dir, "import", "--csv", second,
                         "--create-profiles"),
                    _cli("--data-dir", data_dir, "export", "--csv", tmp_path / f"out{n}.csv")]
            for run in runs:
                out, err = run.communicate(timeout=60)
                if run.returncode != 0:
                    failures.append(f"round {n}: {run.args[5]} {run.args[7]}: {err.strip()}")
        saved = len(_gui_sets(gui_log))
        qtbot.waitUntil(lambda: len(_gui_sets(gui_log)) > saved, timeout=30_000)
        assert gui.poll() is None, "the window closed during the run"
    finally:
        gui.kill()  # as a power cut would: every set it reported must be on disk
        gui.wait(timeout=60)
    assert failures == []
    store = Store.open(data_dir)
    try:
        assert store.results.count() == ROUNDS * ROWS_PER_IMPORT * 2
        stored = set(store.db.execute("SELECT session_id, step_index FROM completed_sets"))
        assert _gui_sets(gui_log) <= stored
        trained = store.db.execute(
            "SELECT count(*) FROM completed_sets c JOIN training_sessions s "
            "ON s.id = c.session_id JOIN profiles p ON p.id = s.profile_id WHERE p.name = ?",
            [PROFILE_NAME]).fetchone()[0]
        assert trained >= len(_gui_sets(gui_log)) > 0
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


def test_clinic_commands_started_together_after_an_update_migrate_once(tmp_path):
    """Three commands open a database from before an update at the same moment: one backs it
    up and migrates it, the others wait for it and find nothing left to do."""
    from test_profile_names import _old_schema_database

    failures = []
    for n in range(8):
        data_dir = tmp_path / f"clinic{n}"
        data_dir.mkdir()
        _old_schema_database(data_dir / DB_FILENAME)
        runs = [_cli("--data-dir", data_dir, "export", "--csv", tmp_path / f"out{n}-{i}.csv")
                for i in range(3)]
        for run in runs:
            out, err = run.communicate(timeout=60)
            if run.returncode != 0:
                failures.append(f"round {n}: {err.strip()}")
        assert len(list((data_dir / "backups").iterdir())) == 1
    assert failures == []
