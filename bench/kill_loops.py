"""Kill the other writers with SIGKILL, again and again: a CLI import, first-run creation,
backups, a restore, a new patient, a command's update of an old database.

    python bench/kill_loops.py [--kills 60] [--loops import,create,backup,...] [--seed 13]
                               [--keep DIR]

``bench/crash_harness.py`` kills the app mid-session. These loops kill the other moments that
write to the data folder, and check after every kill:

- import: ``ankle-gui import --csv F --create-profiles`` of a new file each round (its own
  profile, ROWS results). Afterwards the profile and its rows are all there or not there at
  all; ``integrity_check`` passes; the start-up checks find nothing wrong.
- create: the start-up path (``open_store_safely``, as the app runs it) on an empty folder.
  Afterwards there is no database, or a whole one; never an empty or half-made one the next
  start would call damaged; the next start asks nothing and leaves no half-built copy behind.
- backup: the start-up path with its daily backup, then backup after backup (``Backups.make``).
  Afterwards every backup under its real name passes its check; the next start removes every
  unfinished copy (``*.partial`` and its -journal).
- restore: a clinic PC (PIN, audit log, PATIENTS patients) restores one of two backups,
  alternately, each killed at a random moment. Afterwards the next start finds clinic mode,
  the PIN and every earlier audit entry; the data is wholly the one backup or the other
  (or as it was), never a mix; the log has a restore entry exactly when the data changed;
  no staging copy or unfinished backup is left.
- points: the same checks after a kill at each named point (store/kill_points.py) that a
  restore passes, and at the point between a new patient's profile and code: every commit
  boundary, each hit for certain rather than by chance.
- patients: patients created one after another with their codes (``Profiles.create``)
  until killed. Afterwards every patient has a code.
- migrate: ``ankle-gui export`` on a database from schema 1, which backs it up and updates it
  first, killed at a random moment or (every other round) mid-backup. Afterwards the
  database is old or updated, whole; the next command leaves no ``*.partial`` behind.
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
from ankle_gui.store.backups import BACKUP_DIRNAME, BEFORE_RESTORE, Backups
from ankle_gui.store.filecheck import check_database_file
from ankle_gui.store.kill_points import KILL_AT_ENV
from ankle_gui.store.leftovers import leftovers
from ankle_gui.store.recovery import diagnose
from ankle_gui.store.startup import open_store_safely

ROWS = 400  # results per imported file
PATIENTS = 300  # on the clinic PC whose data is restored, each with RESULTS results
RESULTS = 40
PIN = "470219"
RESTORE_POINTS = ("backup:partial-written", "restore:backed-up", "restore:staged",
                  "restore:replaced", "restore:committed")


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


# --- restore --------------------------------------------------------------------------------

OPEN_FOR_RESTORE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ankle_gui.core.clinic import Role
    from ankle_gui.services.copies import DataCopies
    from ankle_gui.services.patient_access import Access
    from ankle_gui.store import Store
    store = Store.open(Path(sys.argv[1]))
""")
# As the Backups window restores: the clinician's checked copies.
RESTORE = OPEN_FOR_RESTORE + textwrap.dedent("""
    copies = DataCopies(store, Access(Role.CLINICIAN))
    [backup] = [b for b in copies.backups.list() if b.path == Path(sys.argv[2])]
    copies.restore(backup)
    store.close()
""")


def _clinic_pc(data_dir: Path) -> tuple[Path, dict[str, Path]]:
    """A clinic PC's folder, and two backups of different patients to restore, each a set
    of names that tells the whole data apart from any mix."""
    from datetime import UTC, datetime, timedelta

    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.records import Measurement, MeasurementKind, Phase, Side
    from ankle_gui.services.clinic_pin import ClinicPin
    from ankle_gui.services.copies import DataCopies
    from ankle_gui.services.patient_access import PatientAccess
    from ankle_gui.services.profiles import Profiles

    data_dir.mkdir()
    store = Store.open(data_dir)
    backups: dict[str, Path] = {}
    start = datetime(2025, 1, 6, 9, tzinfo=UTC)
    for group in ("A", "B"):
        for profile in store.profiles.all():
            store.profiles.delete(profile.id)
        for n in range(PATIENTS):
            person = store.profiles.create(f"{group} {n:04d}")
            store.results.add(person.id, [
                Measurement(MeasurementKind.KNEE_TO_WALL, (Side.LEFT, Side.RIGHT)[k % 2],
                            to_utc_iso(start + timedelta(days=k // 2, minutes=n)),
                            8 + k % 30 / 10, phase=Phase.BASELINE, note=f"{group} {n} {k}")
                for k in range(RESULTS)])
        backups[group] = DataCopies(store).make_backup().path
    ClinicPin(store).enable(PIN, PIN, clinic_name="Kill Loop Physio")
    clinician = PatientAccess(store).unlock(PIN)
    Profiles(store).create(clinician, "Set up after both backups", "48217730")
    store.close()
    return data_dir, backups


def _names(db_path: Path) -> set[str]:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM profiles")}
    finally:
        conn.close()


def _check_restore(data_dir: Path, log_before: list, restored: set[str], before: set[str],
                   loop: Loop) -> tuple[list[str], set[str], list]:
    """Checks after a killed restore of the data whose names are ``restored`` onto the data
    whose names are ``before``: (problems, the names now, the audit log now)."""
    from ankle_gui.services.clinic_pin import ClinicPin

    db_path = data_dir / DB_FILENAME
    left = [p.name for p in leftovers(data_dir)]
    if any(name.startswith(".incoming") for name in left):
        loop.saw("(the kill left a staging copy)")
    if any(".partial" in name for name in left):
        loop.saw("(the kill left an unfinished backup)")
    problems = _integrity(db_path)
    try:
        opened = open_store_safely(data_dir, _never_asked, daily_backup=False)
    except AssertionError as exc:
        return [*problems, str(exc)], before, log_before
    store = opened.store
    try:
        settings = store.clinic.settings()
        if settings.mode != "clinic" or not ClinicPin(store).check(PIN).ok:
            problems.append(f"clinic mode lost: {settings.mode}, PIN ok: "
                            f"{ClinicPin(store).check(PIN).ok}")
        log = store.db.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
        names = {p.name for p in store.profiles.all()}
        codes = store.db.count("SELECT count(*) FROM patient_codes")
    finally:
        store.close()
    if log[:len(log_before)] != log_before:
        problems.append("audit entries from before the restore were lost or changed")
    added = [row[3] for row in log[len(log_before):]]
    if names == before and not added:
        loop.saw("as it was")
    elif names == restored and added == ["restore"]:
        loop.saw("restored")
    else:
        problems.append(f"mixed: {len(names)} profiles (groups "
                        f"{sorted({n[0] for n in names})}), log added {added}")
    if codes != sum(1 for n in names if n.startswith("Set up")):
        problems.append(f"{codes} patient codes for the profiles there are")
    if leftovers(data_dir):
        problems.append(f"left after the next start: {[p.name for p in leftovers(data_dir)]}")
    for info in Backups(db_path).list():
        if info.kind == BEFORE_RESTORE and not check_database_file(info.path).ok:
            problems.append(f"safety backup {info.path.name} fails its check")
    return problems, names, log


def run_restore(kills: int, workdir: Path, rng: random.Random) -> Loop:
    loop = Loop("restore")
    data_dir, backups = _clinic_pc(workdir / "restore-data")
    expected = {group: _names(path) for group, path in backups.items()}
    log, names = _audit(data_dir), _names(data_dir / DB_FILENAME)
    # Kills fall between the moment the store is open and the end of a whole restore, as
    # long as each takes here (the shorter of two runs of each, unkilled).
    opened = min(_seconds([sys.executable, "-c", OPEN_FOR_RESTORE, str(data_dir)])
                 for _ in range(2))
    whole = []
    for group in "BB":
        whole.append(_seconds([sys.executable, "-c", RESTORE, str(data_dir),
                               str(backups[group])]))
        problems, names, log = _check_restore(data_dir, log, expected[group], names,
                                              Loop("calibration"))
        loop.problems += [f"the unkilled restore: {p}" for p in problems]
    for n in range(kills):
        group = "AB"[n % 2]
        if _kill_at_random([sys.executable, "-c", RESTORE, str(data_dir), str(backups[group])],
                           rng, opened, max(opened + 0.1, min(whole))):
            loop.finished_before_kill += 1
        loop.kills += 1
        problems, names, log = _check_restore(data_dir, log, expected[group], names, loop)
        loop.rows += 1
        loop.problems += [f"kill {n}: {p}" for p in problems]
    return loop


def _seconds(args: list[str]) -> float:
    began = time.monotonic()
    subprocess.run(args, check=True, env=_env(), stdout=subprocess.DEVNULL)
    return time.monotonic() - began


def _audit(data_dir: Path) -> list:
    conn = sqlite3.connect(f"{(data_dir / DB_FILENAME).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    finally:
        conn.close()


# --- every named point ----------------------------------------------------------------------

def _killed_at(point: str, args: list[str]) -> bool:
    """Run ``args`` with the kill point set; True if it died there (it got there)."""
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env={**_env(), KILL_AT_ENV: point})
    return done.returncode == -signal.SIGKILL


def run_points(kills: int, workdir: Path, rng: random.Random) -> Loop:
    """``kills`` rounds over every point a restore passes, and the new patient's one."""
    loop = Loop("points")
    data_dir, backups = _clinic_pc(workdir / "points-data")
    expected = {group: _names(path) for group, path in backups.items()}
    names = _names(data_dir / DB_FILENAME)
    log = _audit(data_dir)
    rounds = max(1, kills // (len(RESTORE_POINTS) + 1))
    for n in range(rounds):
        for point in RESTORE_POINTS:
            group = "AB"[(n + RESTORE_POINTS.index(point)) % 2]
            got_there = _killed_at(point, [sys.executable, "-c", RESTORE, str(data_dir),
                                           str(backups[group])])
            loop.kills += 1
            problems = [] if got_there else [f"{point} was not reached"]
            found, names, log = _check_restore(data_dir, log, expected[group], names, loop)
            loop.problems += [f"round {n}, {point}: {p}" for p in problems + found]
        point = "patient:profile-created"
        got_there = _killed_at(point, [sys.executable, "-c", CREATE_PATIENTS, str(data_dir)])
        loop.kills += 1
        problems = ([] if got_there else [f"{point} was not reached"]) + \
            _patients_without_code(data_dir)
        loop.saw("patient killed before its code")
        loop.problems += [f"round {n}, {point}: {p}" for p in problems]
        log = _audit(data_dir)
    return loop


# --- patients -------------------------------------------------------------------------------

CREATE_PATIENTS = textwrap.dedent("""
    import itertools, sys
    from pathlib import Path
    from ankle_gui.core.clinic import Role
    from ankle_gui.services.patient_access import Access
    from ankle_gui.services.profiles import Profiles
    from ankle_gui.store import Store
    store = Store.open(Path(sys.argv[1]))
    service = Profiles(store)
    for n in itertools.count():
        service.create(Access(Role.CLINICIAN), f"New {store.profiles.count():05d}")
""")


def _patients_without_code(data_dir: Path) -> list[str]:
    conn = sqlite3.connect(f"{(data_dir / DB_FILENAME).resolve().as_uri()}?mode=ro", uri=True)
    try:
        bare = [row[0] for row in conn.execute(
            "SELECT name FROM profiles WHERE name LIKE 'New %' "
            "AND id NOT IN (SELECT profile_id FROM patient_codes)")]
    finally:
        conn.close()
    return [f"{len(bare)} patient(s) without a code: {bare[:3]}"] if bare else []


def run_patients(kills: int, workdir: Path, rng: random.Random) -> Loop:
    from ankle_gui.services.clinic_pin import ClinicPin

    loop = Loop("patients")
    data_dir = workdir / "patients-data"
    data_dir.mkdir()
    store = Store.open(data_dir)
    ClinicPin(store).enable(PIN, PIN)
    store.close()
    for n in range(kills):
        _kill_at_random([sys.executable, "-c", CREATE_PATIENTS, str(data_dir)], rng, 0.3, 1.5)
        loop.kills += 1
        problems = _integrity(data_dir / DB_FILENAME) + _patients_without_code(data_dir)
        loop.problems += [f"kill {n}: {p}" for p in problems]
    loop.rows = len(_names(data_dir / DB_FILENAME))
    return loop


# --- migrate --------------------------------------------------------------------------------

def run_migrate(kills: int, workdir: Path, rng: random.Random) -> Loop:
    import shutil

    old = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "schema_v1.sqlite3"
    loop = Loop("migrate")
    for n in range(kills):
        data_dir = workdir / f"migrate-{n:04d}"
        data_dir.mkdir()
        shutil.copyfile(old, data_dir / DB_FILENAME)
        export = [sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir), "export",
                  "--csv", str(workdir / "migrate.csv")]
        if n % 2:  # every other round, for certain mid-backup: the backup of a small file
            if not _killed_at("backup:partial-written", export):  # is over in an instant
                loop.problems.append(f"kill {n}: backup:partial-written was not reached")
        elif _kill_at_random(export, rng, 0.2, 1.2):
            loop.finished_before_kill += 1
        loop.kills += 1
        problems = _integrity(data_dir / DB_FILENAME)
        partial = [p for p in leftovers(data_dir) if p.name.endswith(".partial")]
        loop.saw("unfinished backup left by the kill" if partial else "no unfinished backup")
        done = subprocess.run(export, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, env=_env())
        if done.returncode != 0:
            problems.append(f"the next command failed: {done.stderr.strip()[:200]}")
        if leftovers(data_dir):
            problems.append(f"left after the next command: "
                            f"{[p.name for p in leftovers(data_dir)]}")
        loop.problems += [f"kill {n}: {p}" for p in problems]
    return loop


LOOPS = {"import": run_import, "create": run_create, "backup": run_backup,
         "restore": run_restore, "points": run_points, "patients": run_patients,
         "migrate": run_migrate}



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
        counted = {"import": "rows imported", "backup": "named backups checked",
                   "restore": "restores checked", "patients": "patients made"}.get(name)
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
