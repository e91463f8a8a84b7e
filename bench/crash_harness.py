"""Kill the real app with SIGKILL mid-session, again and again, and check what survives.

    python bench/crash_harness.py [--kills 60] [--seed 6] [--min 0.3] [--max 3.5] [--keep DIR]
                                  [--signal kill|term]

Each round starts ``python -m ankle_gui --scripted-session LOG`` (offscreen) on the same
data folder: it resumes the session the previous kill interrupted, then trains session
after session, logging each set only once the player reports it on disk. At a random
moment the process gets SIGKILL (no clean-up of any kind). Then, before the next start:

- ``PRAGMA integrity_check`` and ``foreign_key_check`` pass (read-only, so the -wal the
  kill left is recovered by the app's next start, as it would be for a user);
- every set logged before the kill is in the database;
- nothing is half-written: each stored set is a work step of its session's plan, with
  the drill and side that step has, and sensible numbers;
- at most one session is 'running' (the killed one), and the next start resumes it.

With ``--signal term`` the app gets SIGTERM instead, as at shutdown or logging out, and must
end as Quit would: exit code 0, every logged set stored, no session left 'running' (the one
in progress is marked interrupted and resumed first next time), and no -wal, -shm or lock
left in the data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.plan import PlanItem
from ankle_gui.core.steps import build_steps
from ankle_gui.store import DB_FILENAME


@dataclass
class Report:
    kills: int = 0
    kills_before_any_set: int = 0  # killed during start-up or before its first set
    sets_logged: int = 0
    sets_stored: int = 0
    committed_not_logged: int = 0  # killed between the commit and the log line: allowed
    resumes_checked: int = 0
    clean_quits: int = 0  # --signal term: exit 0, nothing running, nothing left behind
    sessions: int = 0
    problems: list[str] = field(default_factory=list)


def _read_log(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [line.split() for line in path.read_text().splitlines() if line.strip()]


def check_database(db_path: Path, logged: set[tuple[int, int]], catalogue) -> tuple[
        set[tuple[int, int]], list[int], list[str]]:
    """Stored (session, step) pairs, running session ids, and any problems found."""
    problems = []
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:3]}")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found orphans")
        plans = {sid: build_steps([PlanItem.from_dict(i) for i in json.loads(p)], catalogue)
                 for sid, p in conn.execute("SELECT id, plan_json FROM training_sessions")}
        running = [r[0] for r in conn.execute(
            "SELECT id FROM training_sessions WHERE status = 'running'")]
        stored = set()
        for sid, step, drill, side, reps, target, secs, started, ended in conn.execute(
                "SELECT session_id, step_index, drill_id, side, reps_done, reps_target, "
                "seconds_done, started_at, ended_at FROM completed_sets"):
            stored.add((sid, step))
            steps = plans.get(sid)
            if steps is None or step >= len(steps) or not steps[step].kind.is_work:
                problems.append(f"set {sid}/{step} is not a work step of its plan")
                continue
            expected = steps[step]
            if (drill, side) != (expected.drill_id, expected.side.value):
                problems.append(f"set {sid}/{step}: {drill}/{side}, plan says "
                                f"{expected.drill_id}/{expected.side.value}")
            if ended < started or (reps is not None and target is not None and reps > target) \
                    or (secs is not None and secs < 0):
                problems.append(f"set {sid}/{step} has impossible numbers")
    finally:
        conn.close()
    missing = logged - stored
    if missing:
        problems.append(f"{len(missing)} logged set(s) missing: {sorted(missing)[:5]}")
    if len(running) > 1:
        problems.append(f"{len(running)} sessions left running: {running}")
    return stored, running, problems


def _start(data_dir: Path, log: Path, out) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               QT_LOGGING_RULES="qt.multimedia.*=false")
    return subprocess.Popen(
        [sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir),
         "--scripted-session", str(log)], stdout=out, stderr=out, env=env)


def _interrupted(db_path: Path) -> list[int]:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute(
            "SELECT id FROM training_sessions WHERE status = 'interrupted' ORDER BY id")]
    finally:
        conn.close()


def _quit_problems(proc: subprocess.Popen, left: list[str], running: list[int]) -> list[str]:
    """What a SIGTERM must not leave: a non-zero exit, a running session, -wal, -shm, lock."""
    problems = []
    if proc.returncode != 0:
        problems.append(f"SIGTERM ended the app with exit code {proc.returncode}")
    if running:
        problems.append(f"sessions left running after SIGTERM: {running}")
    if left:
        problems.append(f"left in the data folder after SIGTERM: {left}")
    return problems


def _wait_for_the_session(proc: subprocess.Popen, log: Path, lines_before: int,
                          limit_s: float = 120.0) -> None:
    """Until the app has started (or resumed) its session, or has ended."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline and proc.poll() is None:
        if any(e[0] in ("start", "resume") for e in _read_log(log)[lines_before:]):
            return
        time.sleep(0.05)


def run_harness(kills: int, workdir: Path, seed: int = 6, min_s: float = 0.3,
                max_s: float = 3.5, progress=None, sig: int = signal.SIGKILL,
                from_session_start: bool = False) -> Report:
    """``from_session_start``: count each random moment from when the session began, not
    from the start of the process, so that a slow start-up on a busy machine does not make
    every kill one before the first set (the tests); by default kills fall in start-up too."""
    rng = random.Random(seed)
    catalogue = load_catalogue()
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    log = workdir / "sets.log"
    report = Report()
    stored: set[tuple[int, int]] = set()
    running_before: list[int] = []
    with (workdir / "app-output.txt").open("ab") as out:
        for n in range(kills):
            lines_before = len(_read_log(log))
            proc = _start(data_dir, log, out)
            if from_session_start:
                _wait_for_the_session(proc, log, lines_before)
            time.sleep(rng.uniform(min_s, max_s))  # a random moment, not a test of timing
            proc.send_signal(sig)
            proc.wait(timeout=120)
            report.kills += 1
            entries = _read_log(log)
            new = entries[lines_before:]
            if not any(e[0] == "set" for e in new):
                report.kills_before_any_set += 1
            if running_before and new:
                if new[0] != ["resume", str(running_before[0])]:
                    report.problems.append(
                        f"kill {n}: session {running_before[0]} was not resumed first ({new[0]})")
                else:
                    report.resumes_checked += 1
            logged = {(int(e[1]), int(e[2])) for e in entries if e[0] == "set"}
            previous = stored
            # Before anything reads the database: a read-only look in WAL mode makes a -shm.
            left = sorted(p.name for p in data_dir.iterdir()
                          if p.is_file() and p.name != DB_FILENAME)
            stored, running_before, problems = check_database(
                data_dir / DB_FILENAME, logged, catalogue)
            if sig != signal.SIGKILL:
                quit_problems = _quit_problems(proc, left, running_before)
                report.clean_quits += not quit_problems
                problems += quit_problems
                # What the next start must resume first: the session the quit interrupted.
                running_before = _interrupted(data_dir / DB_FILENAME)[-1:]
            unlogged_new = (stored - previous) - logged
            if len(unlogged_new) > 1:
                problems.append(f"{len(unlogged_new)} new sets stored but never logged")
            report.committed_not_logged += len(unlogged_new)
            report.problems += [f"kill {n}: {p}" for p in problems]
            report.sets_logged = len(logged)
            report.sets_stored = len(stored)
            report.sessions = len({e[1] for e in entries if e[0] == "start"})
            if progress:
                progress(n, report)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=60)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--min", type=float, default=0.3, help="earliest kill, seconds")
    parser.add_argument("--max", type=float, default=3.5, help="latest kill, seconds")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    parser.add_argument("--signal", choices=("kill", "term"), default="kill",
                        help="SIGKILL (a crash), or SIGTERM (shutdown, logging out)")
    args = parser.parse_args()
    sig = signal.SIGKILL if args.signal == "kill" else signal.SIGTERM
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="ankle-crash-"))

    def progress(n, r):
        print(f"kill {n + 1:3d}: {r.sets_logged} sets logged, {r.sets_stored} stored, "
              f"{len(r.problems)} problems", flush=True)

    report = run_harness(args.kills, workdir, args.seed, args.min, args.max, progress, sig)
    name = "SIGKILL" if sig == signal.SIGKILL else "SIGTERM"
    print(f"\n{report.kills} {name}s ({report.kills_before_any_set} before the run's first "
          f"set), {report.sessions} sessions started, {report.resumes_checked} interrupted "
          f"sessions resumed first on the next start")
    print(f"sets logged as on disk: {report.sets_logged}; stored: {report.sets_stored}; "
          f"committed but killed before the log line: {report.committed_not_logged}")
    if sig != signal.SIGKILL:
        print(f"clean quits (exit 0, nothing running, no -wal, -shm or lock left): "
              f"{report.clean_quits} of {report.kills}")
    print("problems: " + ("none" if not report.problems else ""))
    for problem in report.problems:
        print("  " + problem)
    print(f"work folder: {workdir}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
