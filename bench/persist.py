"""How much the safety costs: committing a set with synchronous=FULL, opening a big database.

    python bench/persist.py [--sets 1000] [--results 100000] [--runs 7]

1. Median and 99th-percentile time of ``TrainingStore.record_set`` (one transaction,
   fsync'd by SQLite with synchronous=FULL in WAL mode, as the app runs it). Target:
   median <= 5 ms.
2. Time from nothing to a shown profile list on a database with 100,000 test results:
   the start-up checks (header, quick_check), opening and the interrupted-session
   sweep (``open_store_safely`` without the daily backup), then building the Profiles
   page and letting it paint. Target: <= 100 ms. The daily backup that runs once a day
   on top of that is measured on its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.records import CompletedSet, Measurement, MeasurementKind, Side
from ankle_gui.store import Store
from ankle_gui.store.backups import DAILY, Backups
from ankle_gui.store.startup import open_store_safely


def _never_asked(diagnosis, backup):
    raise SystemExit(f"unexpected problem with the bench database: {diagnosis.problem}")


def bench_commit(folder: Path, count: int) -> tuple[float, float, str]:
    store = Store.open(folder)
    try:
        sync = store.db.execute("PRAGMA synchronous").fetchone()[0]
        mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert sync == 2, f"synchronous is {sync}, not FULL (2)"
        profile = store.profiles.create("Bench")
        sid = store.training.start_session(profile.id, [])
        start = datetime(2025, 1, 1, 10, tzinfo=UTC)
        times = []
        for n in range(count):
            begun = to_utc_iso(start + timedelta(seconds=60 * n))
            ended = to_utc_iso(start + timedelta(seconds=60 * n + 45))
            done = CompletedSet(n, "calf_raise", Side.LEFT if n % 2 else Side.RIGHT, 1 + n % 3,
                                begun, ended, reps_done=12, reps_target=12)
            t0 = time.perf_counter()
            store.training.record_set(sid, done)
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        store.close()
    times.sort()
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    return statistics.median(times), p99, f"journal_mode={mode}, synchronous=FULL"


def build_big(folder: Path, results: int) -> None:
    store = Store.open(folder)
    per_profile = 500
    base = datetime(2015, 1, 5, 8, tzinfo=UTC)
    with store.db.atomic():
        for p in range(max(1, results // per_profile)):
            profile = store.profiles.create(f"Patient {p:04d}")
            batch = []
            for i in range(per_profile // 2):
                taken = to_utc_iso(base + timedelta(days=i * 3, minutes=p))
                batch += [Measurement(MeasurementKind.KNEE_TO_WALL, side, taken,
                                      value_cm=6 + (i % 9))
                          for side in (Side.LEFT, Side.RIGHT)]
            store.results.add(profile.id, batch)
        count = store.results.count()
    store.close()
    print(f"built a database with {count} test results "
          f"({(folder / 'ankle_gui.sqlite3').stat().st_size / 1e6:.1f} MB)")


def bench_open(folder: Path, runs: int) -> tuple[list[float], list[float], int]:
    from PySide6.QtWidgets import QApplication

    from ankle_gui.ui.common.current_profile import CurrentProfile
    from ankle_gui.ui.profiles.profiles_page import ProfilesPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    totals, opens = [], []
    shown = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        opened = open_store_safely(folder, _never_asked, daily_backup=False)
        t1 = time.perf_counter()
        current = CurrentProfile(opened.store)
        page = ProfilesPage(opened.store, current)
        page.refresh()
        page.show()
        app.processEvents()
        t2 = time.perf_counter()
        shown = page.list.count()
        page.close()
        page.deleteLater()
        app.processEvents()
        opened.store.close()
        opens.append((t1 - t0) * 1000)
        totals.append((t2 - t0) * 1000)
    return opens, totals, shown


def bench_daily_backup(folder: Path) -> float:
    store = Store.open(folder)
    try:
        t0 = time.perf_counter()
        Backups(store.path).make(store.db.conn, DAILY)
        return (time.perf_counter() - t0) * 1000
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=1000)
    parser.add_argument("--results", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # On the real disk, not a RAM-backed /tmp, so fsync costs what it costs for a user.
    parent = Path(os.environ.get("BENCH_DIR", Path.home()))
    with tempfile.TemporaryDirectory(dir=parent, prefix="ankle-bench-") as tmp:
        commit_dir, big_dir = Path(tmp, "commit"), Path(tmp, "big")
        commit_dir.mkdir()
        big_dir.mkdir()
        median, p99, how = bench_commit(commit_dir, args.sets)
        print(f"commit one finished set ({args.sets} sets, {how}): "
              f"median {median:.2f} ms, p99 {p99:.2f} ms  (target: median <= 5 ms)")
        build_big(big_dir, args.results)
        opens, totals, shown = bench_open(big_dir, args.runs)
        print(f"open with start-up checks: median {statistics.median(opens):.1f} ms")
        print(f"open + show the profile list ({shown} profiles): median "
              f"{statistics.median(totals):.1f} ms, worst {max(totals):.1f} ms over {args.runs} "
              "runs  (target <= 100 ms)")
        print(f"daily backup (VACUUM INTO + quick_check), once a day at start-up: "
              f"{bench_daily_backup(big_dir):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
