"""Kill the other writers with SIGKILL, again and again: a CLI import, first-run creation, backups.

    python bench/kill_loops.py [--kills 60] [--loops import,create,backup] [--seed 13] [--keep DIR]

``bench/crash_harness.py`` kills the app mid-session. These loops kill the three other
moments that write to the data folder, each at a random moment, and check after every kill:

- import: ``ankle-gui import --csv F --create-profiles`` of a new file each round (its own
  profile, ROWS results). Afterwards the profile and its rows are all there or not there at
  all; ``integrity_check`` passes; the start-up checks find nothing wrong.
- create: the start-up path (``open_store_safely``, as the app runs it) on an empty folder.
  Afterwards there is no database, or a whole one; never an empty or half-made one the next
  start would call damaged; the next start asks nothing and leaves no half-built copy behind.
- backup: the start-up path with its daily backup, then backup after backup (``Backups.make``).
  Afterwards every backup under its real name passes its check; the next start removes every
  unfinished copy (``*.partial`` and its -journal).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store.backups import BACKUP_DIRNAME, Backups
from ankle_gui.store.filecheck import check_database_file
from ankle_gui.store.recovery import diagnose
from ankle_gui.store.startup import open_store_safely

ROWS = 400  # results per imported file


@dataclass
class Loop:
    name: str
    kills: int = 0
    finished_before_kill: int = 0
    rows: int = 0  # rows imported (import) or backups checked (backup)
    outcomes: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def saw(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _kill_at_random(args: list[str], rng: random.Random, low: float, high: float) -> bool:
    """Start, wait a random moment, SIGKILL. True if it had already finished by itself."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=_env())
    time.sleep(rng.uniform(low, high))  # a random moment, not a test of timing
    finished = proc.poll() is not None
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return finished


def _integrity(db_path: Path) -> list[str]:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    problems = [] if rows == [("ok",)] else [f"integrity_check: {rows[:3]}"]
    return problems + (["foreign_key_check found orphans"] if orphans else [])


def _never_asked(diagnosis, backup):
    raise AssertionError(f"the next start asked: {diagnosis.problem} ({diagnosis.detail})")


# --- import ---------------------------------------------------------------------------------

def _source_csv(workdir: Path) -> list[list[str]]:
    """ROWS results of one person, as the app's own export writes them."""
    from datetime import UTC, datetime, timedelta

    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.records import Measurement, MeasurementKind, Phase, Side
    from ankle_gui.store.exchange import export_csv

    folder = workdir / "source"
    folder.mkdir()
    store = Store.open(folder)
    person = store.profiles.create("Source")
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    store.results.add(person.id, [
        Measurement(test=MeasurementKind.KNEE_TO_WALL, side=(Side.LEFT, Side.RIGHT)[n % 2],
                   taken_at=to_utc_iso(start + timedelta(hours=n)), value_cm=8 + n % 40 / 10,
                   phase=Phase.BASELINE, note=f"row {n}")
        for n in range(ROWS)])
    data = export_csv(store, None)
    store.close()
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def run_import(kills: int, workdir: Path, rng: random.Random) -> Loop:
    loop = Loop("import")
    data_dir = workdir / "import-data"
    Store.open(data_dir.mkdir() or data_dir).close()
    table = _source_csv(workdir)
    column = table[0].index("profile")
    for n in range(kills):
        name = f"Round {n:04d}"
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(table[0])
        writer.writerows([*row[:column], name, *row[column + 1:]] for row in table[1:])
        source = workdir / "round.csv"
        source.write_text(out.getvalue(), encoding="utf-8")
        if _kill_at_random([sys.executable, "-m", "ankle_gui", "import", "--data-dir",
                            str(data_dir), "--csv", str(source), "--create-profiles"],
                           rng, 0.1, 1.2):
            loop.finished_before_kill += 1
        loop.kills += 1
        db_path = data_dir / DB_FILENAME
        problems = _integrity(db_path)
        found = diagnose(db_path, recover=False)
        if found is not None:
            problems.append(f"the next start would say: {found.problem} ({found.detail})")
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT id FROM profiles WHERE name = ?", [name]).fetchone()
            count = conn.execute("SELECT count(*) FROM test_results WHERE profile_id = ?",
                                 [row[0] if row else -1]).fetchone()[0]
        finally:
            conn.close()
        if (row is None and count == 0) or (row is not None and count == ROWS):
            loop.saw("all" if row else "none")
            loop.rows += count
        else:
            problems.append(f"{name}: profile {'there' if row else 'missing'}, {count} rows")
        loop.problems += [f"kill {n}: {p}" for p in problems]
    return loop


# --- create ---------------------------------------------------------------------------------

START = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ankle_gui.store.startup import open_store_safely
    def ask(diagnosis, backup):
        raise SystemExit(f"asked: {diagnosis.problem}")
    opened = open_store_safely(Path(sys.argv[1]), ask, daily_backup=len(sys.argv) > 2)
    if len(sys.argv) > 2:  # backups, one after another, until killed
        from ankle_gui.store.backups import MANUAL
        while True:
            opened.backups.make(opened.store.db.conn, MANUAL)
""")


def run_create(kills: int, workdir: Path, rng: random.Random) -> Loop:
    loop = Loop("create")
    for n in range(kills):
        data_dir = workdir / f"create-{n:04d}"
        data_dir.mkdir()
        if _kill_at_random([sys.executable, "-c", START, str(data_dir)], rng, 0.06, 0.35):
            loop.finished_before_kill += 1
        loop.kills += 1
        db_path = data_dir / DB_FILENAME
        half_built = [p.name for p in data_dir.iterdir() if p.name.startswith(".creating-")]
        problems = []
        if db_path.exists():
            check = check_database_file(db_path, live=True)
            loop.saw("whole database" if check.ok else "bad database")
            if not check.ok:
                problems.append(f"{db_path.name}: {check.verdict} ({check.detail})")
        else:
            loop.saw("killed while building it" if half_built else "killed before it began")
        found = diagnose(db_path)
        if found is not None:
            problems.append(f"the next start would say: {found.problem} ({found.detail})")
        else:
            try:
                opened = open_store_safely(data_dir, _never_asked, daily_backup=False)
                opened.store.close()
            except AssertionError as exc:
                problems.append(str(exc))
            left = [p.name for p in data_dir.iterdir() if p.name.startswith(".creating-")]
            if left:
                problems.append(f"half-built copies left after the next start: {left}")
        loop.problems += [f"kill {n}: {p}" for p in problems]
    return loop


# --- backup ---------------------------------------------------------------------------------

def run_backup(kills: int, workdir: Path, rng: random.Random) -> Loop:
    loop = Loop("backup")
    data_dir = workdir / "backup-data"
    data_dir.mkdir()
    store = Store.open(data_dir)
    from ankle_gui.core.catalogue import load_catalogue
    from ankle_gui.store.demo import add_demo_profile

    add_demo_profile(store, load_catalogue(), today=datetime.now().astimezone())
    store.close()
    db_path = data_dir / DB_FILENAME
    folder = data_dir / BACKUP_DIRNAME
    for n in range(kills):
        for daily in folder.glob("*-daily.sqlite3") if folder.is_dir() else []:
            daily.unlink()  # so that today's backup is due again, as on a new day
        if _kill_at_random([sys.executable, "-c", START, str(data_dir), "with-backups"],
                           rng, 0.1, 2.0):
            loop.finished_before_kill += 1
        loop.kills += 1
        problems = _integrity(db_path)
        partials = [p.name for p in folder.iterdir() if ".partial" in p.name] \
            if folder.is_dir() else []
        loop.saw("unfinished copy left by the kill" if partials else "no unfinished copy")
        for info in Backups(db_path).list():
            check = check_database_file(info.path)
            loop.rows += 1
            if not check.ok:
                problems.append(f"backup {info.path.name}: {check.verdict} ({check.detail})")
        try:
            opened = open_store_safely(data_dir, _never_asked, daily_backup=False)
            opened.store.close()
        except AssertionError as exc:
            problems.append(str(exc))
        left = [p.name for p in folder.iterdir() if ".partial" in p.name] \
            if folder.is_dir() else []
        if left:
            problems.append(f"unfinished copies left after the next start: {left}")
        loop.problems += [f"kill {n}: {p}" for p in problems]
    return loop


LOOPS = {"import": run_import, "create": run_create, "backup": run_backup}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=60, help="kills per loop")
    parser.add_argument("--loops", default="import,create,backup")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = parser.parse_args()
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="ankle-kills-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    failed = False
    for name in args.loops.split(","):
        loop = LOOPS[name](args.kills, workdir, rng)
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(loop.outcomes.items()))
        counted = {"import": "rows imported", "backup": "named backups checked"}.get(name)
        print(f"{name}: {loop.kills} SIGKILLs ({loop.finished_before_kill} had finished "
              f"first); {outcomes}" + (f"; {counted}: {loop.rows}" if counted else ""))
        print("  problems: " + ("none" if not loop.problems else str(len(loop.problems))))
        for problem in loop.problems[:20]:
            print("    " + problem)
        failed |= bool(loop.problems)
    print(f"work folder: {workdir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
