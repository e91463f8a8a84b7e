"""Writers that wait: CLI imports and exports next to a training app, all at once."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta

import pytest

from ankle_gui.core.csv_format import COLUMNS
from ankle_gui.store import DB_FILENAME, Store

pytestmark = pytest.mark.slow

ROUNDS = 20
ROWS_PER_IMPORT = 40

# Writes sets as the drill player does (one committed transaction per set, sessions started
# and finished, interrupted ones swept up at "start-up") until told to stop.
TRAINER = textwrap.dedent("""
    import sys, pathlib
    from ankle_gui.core.clock import to_utc_iso, utc_now
    from ankle_gui.core.records import CompletedSet, SessionStatus, Side
    from ankle_gui.store import Store

    data_dir, log, stop = map(pathlib.Path, sys.argv[1:4])
    store = Store.open(data_dir)
    profile = store.profiles.by_name("Trainer") or store.profiles.create("Trainer")
    with log.open("a") as out:
        session, step = None, 0
        while not stop.exists():
            try:
                if session is None:
                    store.training.mark_running_as_interrupted(profile.id)
                    session, step = store.training.start_session(profile.id, []), 0
                now = to_utc_iso(utc_now())
                store.training.record_set(session, CompletedSet(
                    step_index=step, drill_id="calf_raise", side=Side.LEFT, round=1,
                    started_at=now, ended_at=now, reps_done=10, reps_target=10))
                print(f"set {session} {step}", file=out, flush=True)
                step += 1
                if step == 10:
                    store.training.finish_session(session, SessionStatus.COMPLETED)
                    session = None
            except Exception as exc:
                print(f"FAIL {type(exc).__name__}: {exc}", file=out, flush=True)
    store.close()
""")


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


def test_two_imports_and_an_export_at_once_beside_training_never_fail(data_dir, tmp_path):
    Store.open(data_dir).close()
    log, stop = tmp_path / "trainer.log", tmp_path / "stop"
    trainer = subprocess.Popen([sys.executable, "-c", TRAINER, data_dir, log, stop],
                               cwd=os.environ["HOME"])
    failures = []
    try:
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
    finally:
        stop.touch()
        trainer.wait(timeout=60)
    assert failures == []
    trained = log.read_text().splitlines()
    assert [line for line in trained if line.startswith("FAIL")] == []
    store = Store.open(data_dir)
    try:
        assert store.results.count() == ROUNDS * ROWS_PER_IMPORT * 2
        assert store.db.execute("SELECT count(*) FROM completed_sets").fetchone()[0] == \
            len(trained)
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    assert (data_dir / DB_FILENAME).exists()
