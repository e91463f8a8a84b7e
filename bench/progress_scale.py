"""Progress at scale: 1, 5 and 10 years of daily tests on both sides, plus 20,000 sets.

For each size a fresh process fills a new database, then measures, as the app does it:
- warm-up: what the window does once idle (pyqtgraph imported on a worker thread, then the
  page's chart built on the GUI thread); the chart's build is the longest stall a person
  could feel;
- first open: the first showing of the Progress page after that (all results read from
  SQLite, worked out, drawn and painted);
- draw: showing the page again, median of several, for the default range (3 months) and
  for all results;
- after a set: showing the page again after one more set was written (a reload), median;
- PDF: the one-page report of all results, the first one and the median of the next ones
  (the data as the page left it, as when Print or Save PDF is pressed there); its charts
  are painted with QPainter (printing/chart_painter.py), no pyqtgraph;
- cold first open: in another process on the same database, with no warm-up (someone who
  opens Progress within the first second); for information, no budget.

A baseline runs in the same run, in its own process: a bare pyqtgraph PlotWidget with as
many points as the page drew (two curves with symbols), its first showing after pyqtgraph
is imported, and a redraw after setData. Every figure is also given as a ratio to it.

    python bench/progress_scale.py [--years 1 5 10] [--repeat 5]

Budgets at 10 years: first open <= 300 ms, draw <= 50 ms for both ranges, PDF <= 300 ms,
and each cost growing no worse than linearly with the data. The load average is printed
with the figures: the budgets hold on an idle machine (load under 1).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap

TOTAL_SETS = 20_000
BUDGET_MS = {"first_open": 300, "draw_3m": 50, "draw_all": 50, "pdf_first": 300}

FILL = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.records import (CompletedSet, SessionStatus, Side, MeasurementKind,
                                        Measurement)
    from ankle_gui.store import Store

    folder, years, total_sets = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    store = Store.open(folder)
    person = store.profiles.create("Bench Person")
    now = datetime.now(UTC).replace(microsecond=0)
    days = 365 * years
    start = now - timedelta(days=days)
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
    store.close()
    print(len(results), written, sessions)
""")

MEASURE = textwrap.dedent("""
    import json, statistics, sys, time
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.records import CompletedSet, SessionStatus, Side
    from ankle_gui.store import Store
    from ankle_gui.ui.common.current_profile import CurrentProfile
    from ankle_gui.ui.progress.progress_page import ProgressPage

    folder, repeat, warm = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "warm"
    app = QApplication([])
    store = Store.open(folder)
    person = store.profiles.all()[0]
    current = CurrentProfile(store)
    current.set(person)
    page = ProgressPage(store, current, None)
    page.resize(1280, 720)
    figures = {}

    cpu = {}  # the same figures in CPU time of this process: less swayed by other load

    def show_and_draw(name=None):
        t, c = time.perf_counter(), time.process_time()
        page.show()  # showEvent asks the store for the data, works it out, sets it
        page.repaint()  # paint now, synchronously, children included
        app.processEvents()
        elapsed = time.perf_counter() - t
        if name:
            cpu.setdefault(name, []).append(time.process_time() - c)
        page.hide()
        app.processEvents()
        return elapsed

    if warm:  # as the main window does once idle
        build = page._ensure_chart

        def timed_build():  # the GUI thread's part of the warm-up
            t = time.perf_counter()
            build()
            figures["warm_up_gui_s"] = time.perf_counter() - t

        page._ensure_chart = timed_build
        t = time.perf_counter()
        page.warm_up()
        while page.plot is None:
            app.processEvents()
            time.sleep(0.001)
        figures["warm_up_s"] = time.perf_counter() - t
        page._ensure_chart = build
    figures["first_open_s"] = show_and_draw("first_open")
    if not warm:
        print(json.dumps(figures))
        sys.exit(0)

    def one_more_set():
        when = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
        sid = store.training.start_session(person.id, [], started_at=to_utc_iso(when))
        store.training.record_set(sid, CompletedSet(0, "ankle_3way_mob", Side.LEFT, 1,
                                                    to_utc_iso(when),
                                                    to_utc_iso(when + timedelta(seconds=90))))
        store.training.finish_session(sid, SessionStatus.COMPLETED,
                                      ended_at=to_utc_iso(when + timedelta(seconds=120)))

    for key in ("3m", "all"):
        page.rangeSelector.setCurrentIndex(page.rangeSelector.findData(key))
        show_and_draw()  # the first showing of a range works it out; then it is drawn again
        figures[f"draw_{key}_s"] = statistics.median(show_and_draw(f"draw_{key}")
                                                     for _ in range(repeat))
        after = []
        for _ in range(repeat):
            one_more_set()
            after.append(show_and_draw())
        figures[f"after_set_{key}_s"] = statistics.median(after)

    points = 0
    import pyqtgraph as pg
    charts = page.plot.charts
    for plot in (charts.main, charts.asym, charts.volume, charts.adherence):
        for item in plot.items:
            if isinstance(item, pg.PlotDataItem) and item.xData is not None:
                points += len(item.xData)
            elif isinstance(item, pg.ScatterPlotItem):
                points += len(item.data)
            elif isinstance(item, pg.BarGraphItem) and item.opts.get("x") is not None:
                points += len(item.opts["x"])
    figures["points"] = points
    figures["points_per_side"] = len(page.view.series[Side.LEFT])
    figures["aggregated"] = page.view.aggregated

    from ankle_gui.printing.report import write_pdf
    from ankle_gui.services.reports import report_content

    pdf = []
    for i in range(repeat + 1):
        t, c = time.perf_counter(), time.process_time()
        content = report_content(store, person, None, range_key="all", now=time.time())
        write_pdf(content, folder / f"report{i}.pdf", "a4")
        pdf.append(time.perf_counter() - t)
        cpu.setdefault("pdf_first" if i == 0 else "pdf", []).append(time.process_time() - c)
    figures["pdf_first_s"], figures["pdf_s"] = pdf[0], statistics.median(pdf[1:])
    figures["cpu"] = {name: statistics.median(values) for name, values in cpu.items()}
    store.close()
    print(json.dumps(figures))
""")

BASELINE = textwrap.dedent("""
    import json, statistics, sys, time
    import numpy as np
    from PySide6.QtWidgets import QApplication
    import pyqtgraph as pg

    points, repeat = int(sys.argv[1]), int(sys.argv[2])
    app = QApplication([])
    xs = np.arange(points // 2, dtype=float)
    t = time.perf_counter()
    widget = pg.PlotWidget()
    widget.resize(1280, 720)
    left = widget.plot(xs, np.sin(xs / 20), symbol="o")
    right = widget.plot(xs, np.cos(xs / 20), symbol="t")
    widget.show()
    widget.repaint()
    app.processEvents()
    first = time.perf_counter() - t
    draws = []
    for i in range(repeat):
        t = time.perf_counter()
        left.setData(xs, np.sin(xs / 20 + i))
        right.setData(xs, np.cos(xs / 20 + i))
        widget.repaint()
        app.processEvents()
        draws.append(time.perf_counter() - t)
    print(json.dumps({"first_s": first, "draw_s": statistics.median(draws)}))
""")


def _child(script: str, *args: str) -> tuple[str, float]:
    """Run a script in a fresh process; its output and the peak memory (MiB)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-c", script, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    out, err = proc.stdout.read(), proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"a bench child failed:\n{err}")
    return out.strip().splitlines()[-1], usage.ru_maxrss / 1024  # Linux reports KiB


def run_size(years: int, repeat: int) -> dict:
    import tempfile

    folder = tempfile.mkdtemp(prefix="ankle_bench_")
    line, _ = _child(FILL, folder, str(years), str(TOTAL_SETS))
    results, sets, sessions = map(int, line.split())
    cold, _ = _child(MEASURE, folder, "1", "cold")
    out, peak = _child(MEASURE, folder, str(repeat), "warm")
    figures = json.loads(out)
    base, _ = _child(BASELINE, str(figures["points"]), str(repeat))
    figures.update(years=years, results=results, sets=sets, sessions=sessions, peak_mib=peak,
                   cold_open_s=json.loads(cold)["first_open_s"],
                   base=json.loads(base), load=os.getloadavg()[0])
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.2f}")
    rows = [run_size(y, args.repeat) for y in args.years]
    print("\n| years | results | sets | first open | draw (3 months) | draw (all) | "
          "after a set (3 months / all) | PDF (first / again) | warm-up (GUI thread) | "
          "cold first open | peak memory | points drawn | load |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['years']} | {r['results']:,} | {r['sets']:,} | {ms(r['first_open_s'])} | "
              f"{ms(r['draw_3m_s'])} | {ms(r['draw_all_s'])} | "
              f"{ms(r['after_set_3m_s'])} / {ms(r['after_set_all_s'])} | "
              f"{ms(r['pdf_first_s'])} / {ms(r['pdf_s'])} | "
              f"{ms(r['warm_up_s'])} ({ms(r['warm_up_gui_s'])}) | {ms(r['cold_open_s'])} | "
              f"{r['peak_mib']:.0f} MiB | {r['points']} ({r['aggregated'] or 'raw'}) | "
              f"{r['load']:.2f} |")
    print("\nAgainst a bare pyqtgraph PlotWidget with as many points, in the same run:")
    for r in rows:
        b = r["base"]
        print(f"  {r['years']} years: bare first showing {ms(b['first_s'])}, redraw "
              f"{ms(b['draw_s'])}; first open {r['first_open_s'] / b['first_s']:.1f}x, "
              f"draw {r['draw_3m_s'] / b['draw_s']:.1f}x (3 months) and "
              f"{r['draw_all_s'] / b['draw_s']:.1f}x (all), PDF "
              f"{r['pdf_first_s'] / b['first_s']:.1f}x the bare first showing")
    print("\nCPU time of the measuring process, same cells (medians):")
    for r in rows:
        c = r["cpu"]
        print(f"  {r['years']} years: first open {ms(c['first_open'])}, draw {ms(c['draw_3m'])} "
              f"(3 months) / {ms(c['draw_all'])} (all), PDF {ms(c['pdf_first'])} (first) / "
              f"{ms(c['pdf'])}")
    biggest = rows[-1]
    ok = True
    print(f"\nAt {biggest['years']} years:")
    for key, budget in BUDGET_MS.items():
        value = biggest[f"{key}_s"] * 1000
        within = value <= budget
        ok &= within
        print(f"  {key.replace('_', ' ')}: {value:.0f} ms, {'within' if within else 'OVER'} "
              f"{budget} ms")
    if len(rows) > 1:
        small, big = rows[0], rows[-1]
        size = big["results"] / small["results"]
        for key in ("first_open_s", "draw_3m_s", "draw_all_s", "pdf_first_s"):
            growth = big[key] / small[key]
            linear = growth <= size
            ok &= linear
            print(f"  {key[:-2].replace('_', ' ')}: data x{size:.0f}, time x{growth:.1f} "
                  f"({'no worse than linear' if linear else 'WORSE than linear'})")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
