"""Progress at scale: 1, 5 and 10 years of daily tests on both sides, plus 20,000 sets.

For each size a fresh process fills a new database, then measures:
- open: the first showing of the Progress page, pyqtgraph import included (once per run);
- draw: showing the page again (reload from SQLite, aggregate, setData, paint), median
  of several, for the page's default range (3 months) and for "all results";
- PDF: writing the one-page report of all results (chart image, tables, QPdfWriter);
- peak memory: the process's maximum resident set size.

    python bench/progress_scale.py [--years 1 5 10] [--repeat 5]

Targets at 10 years: draw <= 150 ms, PDF <= 1 s, and cost growing no worse than linearly.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap

TOTAL_SETS = 20_000

CHILD = textwrap.dedent("""
    import json, statistics, sys, tempfile, time
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.records import (CompletedSet, Phase, SessionStatus, Side, MeasurementKind,
                                        Measurement)
    from ankle_gui.store import Store
    from ankle_gui.ui.common.current_profile import CurrentProfile

    years, total_sets, repeat = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="ankle_bench_"))
    store = Store.open(folder)
    person = store.profiles.create("Bench Person")
    now = datetime.now(UTC).replace(microsecond=0)
    days = 365 * years
    start = now - timedelta(days=days)
    t0 = time.perf_counter()
    results = []
    for day in range(days):
        when = start + timedelta(days=day, hours=8)
        drift = day / days
        results.append(Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, to_utc_iso(when),
                                  round(7 + 3 * drift + (day % 7) * 0.1, 1),
                                  note="daily" if day % 30 else "monthly check"))
        results.append(Measurement(MeasurementKind.KNEE_TO_WALL, Side.RIGHT,
                                  to_utc_iso(when + timedelta(seconds=40)),
                                  round(9 + 1.5 * drift + (day % 5) * 0.1, 1)))
    store.results.add(person.id, results)
    sessions = max(1, days * 3 // 7)  # three a week
    per_session = -(-total_sets // sessions)
    written = 0
    with store.db.atomic():
        for i in range(sessions):
            begun = start + timedelta(days=i * 7 / 3, hours=18)
            sid = store.training.start_session(person.id, [], started_at=to_utc_iso(begun))
            for k in range(min(per_session, total_sets - written)):
                s = begun + timedelta(minutes=2 * k)
                store.training.record_set(sid, CompletedSet(
                    k, "ankle_3way_mob", (Side.LEFT, Side.RIGHT, Side.BOTH)[k % 3], 1,
                    to_utc_iso(s), to_utc_iso(s + timedelta(seconds=90))))
                written += 1
            store.training.finish_session(
                sid, SessionStatus.COMPLETED,
                ended_at=to_utc_iso(begun + timedelta(minutes=2 * per_session)))
    store.plans.save(person.id, [], 3)
    fill_s = time.perf_counter() - t0

    from ankle_gui.ui.progress.progress_page import ProgressPage

    current = CurrentProfile(store)
    current.set(person)
    page = ProgressPage(store, current, None)
    page.resize(1280, 720)

    def show_and_draw():
        t = time.perf_counter()
        page.show()  # showEvent reloads from SQLite and redraws the charts
        page.repaint()  # paint now, synchronously, children included
        app.processEvents()
        elapsed = time.perf_counter() - t
        page.hide()
        app.processEvents()
        return elapsed

    first_open = show_and_draw()
    draw = {}
    for key in ("3m", "all"):
        page.rangeSelector.setCurrentIndex(page.rangeSelector.findData(key))
        draw[key] = statistics.median(show_and_draw() for _ in range(repeat))
    points = {side.value: len(page.view.series[side]) for side in page.view.series}

    from ankle_gui.ui.progress.report import report_content, write_pdf

    pdf = []
    for i in range(max(1, repeat // 2)):
        t = time.perf_counter()
        content = report_content(store, person, None, range_key="all", now=time.time())
        write_pdf(content, folder / f"report{i}.pdf", "a4")
        pdf.append(time.perf_counter() - t)
    print(json.dumps({
        "years": years, "results": len(results), "sets": written, "sessions": sessions,
        "fill_s": fill_s, "first_open_s": first_open, "draw_3m_s": draw["3m"],
        "draw_all_s": draw["all"], "pdf_s": statistics.median(pdf),
        "points_drawn": points, "aggregated": page.view.aggregated}))
    store.close()
""")


def run_size(years: int, repeat: int) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(years), str(TOTAL_SETS),
                             str(repeat)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    out, err = proc.stdout.read(), proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the {years}-year run failed:\n{err}")
    figures = json.loads(out.strip().splitlines()[-1])
    figures["peak_mib"] = usage.ru_maxrss / 1024  # Linux reports KiB
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = [run_size(y, args.repeat) for y in args.years]
    print("| years | results | sets | first open | draw (3 months) | draw (all) | PDF | "
          "peak memory | points per side (all) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        pts = r["points_drawn"]
        print(f"| {r['years']} | {r['results']:,} | {r['sets']:,} | "
              f"{r['first_open_s'] * 1000:.0f} ms | {r['draw_3m_s'] * 1000:.0f} ms | "
              f"{r['draw_all_s'] * 1000:.0f} ms | {r['pdf_s'] * 1000:.0f} ms | "
              f"{r['peak_mib']:.0f} MiB | {pts['left']} ({r['aggregated'] or 'raw'}) |")
    biggest = rows[-1]
    ok_draw = max(biggest["draw_3m_s"], biggest["draw_all_s"]) <= 0.150
    ok_pdf = biggest["pdf_s"] <= 1.0
    print(f"\nAt {biggest['years']} years: draw {'within' if ok_draw else 'OVER'} 150 ms, "
          f"PDF {'within' if ok_pdf else 'OVER'} 1 s.")
    if len(rows) > 1:
        small, big = rows[0], rows[-1]
        size = big["results"] / small["results"]
        for key, name in (("draw_all_s", "draw (all)"), ("pdf_s", "PDF")):
            growth = big[key] / small[key]
            print(f"{name}: data x{size:.0f}, time x{growth:.1f} "
                  f"({'no worse than linear' if growth <= size else 'WORSE than linear'})")
    return 0 if ok_draw and ok_pdf else 1


if __name__ == "__main__":
    sys.exit(main())
