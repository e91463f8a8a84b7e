"""The Progress page: empty state, range selector, units, per-side verdicts, actions."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest
from helpers import add_pair, days_ago, ktw
from PySide6.QtCore import QPointF, Qt

from ankle_gui.core.csv_format import COLUMNS
from ankle_gui.core.records import Measurement, MeasurementKind, Phase, Side
from ankle_gui.core.units import Unit
from ankle_gui.ui.common.current_profile import CurrentProfile


@pytest.fixture
def make_page(qtbot, store, catalogue, wall):
    def make(profile=None, unit: Unit | None = None):
        from ankle_gui.ui.progress.progress_page import ProgressPage

        current = CurrentProfile(store)
        if profile is not None and unit is not None:
            profile = store.profiles.set_unit(profile.id, unit)
        current.set(profile)
        page = ProgressPage(store, current, catalogue, clock=wall)
        qtbot.addWidget(page)
        page.resize(1200, 700)
        page.show()
        qtbot.waitExposed(page)
        return page
    return make


def _history(store, profile_id):
    """Left improves by 3.0 cm, right only by 0.5 cm, over a year."""
    add_pair(store, profile_id, days_ago(300), 6.0, 10.0, note="start")
    add_pair(store, profile_id, days_ago(60), 7.5, 10.2)
    add_pair(store, profile_id, days_ago(20), 8.4, 10.3)
    add_pair(store, profile_id, days_ago(2), 9.0, 10.5, note="felt loose today")


def test_no_profile_or_no_results_says_what_to_do_first(make_page, store, profile, qtbot):
    page = make_page(profile)
    assert page.body.currentIndex() == 0
    assert "Test page first" in page.emptyText.text()
    assert page.plot is None  # no empty axis drawn
    for button in (page.printButton, page.exportPdfButton, page.exportCsvButton):
        assert not button.isEnabled()
    assert page.importCsvButton.isEnabled()
    with qtbot.waitSignal(page.testRequested):
        qtbot.mouseClick(page.goToTestButton, Qt.MouseButton.LeftButton)


def test_empty_page_button_leads_to_the_test_page(main_window, profile, qtbot):
    main_window.current.set(profile)
    main_window.show_page("Progress")
    page = main_window.page("Progress")
    qtbot.mouseClick(page.goToTestButton, Qt.MouseButton.LeftButton)
    assert main_window.current_page_name() == "Test"


def test_object_names_and_the_chart(make_page, store, profile):
    from PySide6.QtWidgets import QWidget

    _history(store, profile.id)
    page = make_page(profile)
    for name in ("progressPlot", "rangeSelector", "printButton", "exportPdfButton",
                 "exportCsvButton", "importCsvButton"):
        assert page.findChild(QWidget, name) is not None, name
    assert page.body.currentIndex() == 1


def test_range_selector_changes_what_is_counted(make_page, store, profile, qtbot):
    _history(store, profile.id)
    page = make_page(profile)
    keys = [page.rangeSelector.itemData(i) for i in range(page.rangeSelector.count())]
    assert keys == ["4w", "3m", "1y", "all"]
    counts = {}
    for key in keys:
        page.rangeSelector.setCurrentIndex(page.rangeSelector.findData(key))
        counts[key] = page.view.measure_count
    assert counts == {"4w": 4, "3m": 6, "1y": 8, "all": 8}
    page.rangeSelector.setCurrentIndex(page.rangeSelector.findData("4w"))
    # Four weeks: first is day -20 for the left side, +0.6 cm, within error.
    assert page.sideTable.cell_text("First", Side.LEFT).startswith("8.4 cm")
    assert "Within measurement error" in page.sideTable.cell_text("Change", Side.LEFT)
    curve = page.plot.charts.distance.curves[Side.LEFT]
    assert len(curve.xData) == 2
    page.rangeSelector.setCurrentIndex(page.rangeSelector.findData("all"))
    assert len(curve.xData) == 4
    assert page.actions.range_key == "all"  # print and PDF follow the chosen range


def test_side_table_verdicts_follow_the_measurement_error_rule(make_page, store, profile):
    add_pair(store, profile.id, days_ago(50), 6.0, 12.0, clinician=True)
    add_pair(store, profile.id, days_ago(1), 8.0, 10.0, clinician=True)  # left +2.0, right -2.0
    page = make_page(profile)
    assert page.sideTable.cell_text("Change", Side.LEFT) == "+2.0 cm\nImprovement"
    assert page.sideTable.cell_text("Change", Side.RIGHT) == "-2.0 cm\nLoss"
    # Measured by the person themselves (or not recorded), 2.0 cm is inside the 2.5 cm margin.
    add_pair(store, profile.id, days_ago(0.5), 8.0, 10.0)
    page.reload()
    assert page.sideTable.cell_text("Change", Side.LEFT) == "+2.0 cm\nWithin measurement error"
    assert page.sideTable.cell_text("Best", Side.RIGHT).startswith("12.0 cm")
    # A gap of 2.0 cm is over the 1.5 cm flag, and the page says which side is tighter.
    assert "left side is tighter" in page.asymmetryLabel.text()


def test_one_result_per_side_has_no_change_yet(make_page, store, profile):
    add_pair(store, profile.id, days_ago(1), 8.0, 8.5)
    page = make_page(profile)
    assert page.sideTable.cell_text("Change", Side.LEFT) == "one result so far"
    assert "under the 1.5 cm flag" in page.asymmetryLabel.text()


def test_units_follow_the_profile(make_page, store, profile):
    add_pair(store, profile.id, days_ago(40), 2.54 * 3, 2.54 * 4)
    add_pair(store, profile.id, days_ago(1), 2.54 * 4, 2.54 * 4)
    page = make_page(profile, Unit.INCH)
    assert page.sideTable.cell_text("Latest", Side.LEFT).startswith("4.0 in")
    assert page.sideTable.cell_text("Change", Side.LEFT).startswith("+1.0 in")
    charts = page.plot.charts
    assert list(charts.distance.curves[Side.LEFT].yData) == pytest.approx([3.0, 4.0])
    low, high = charts.distance.normalBand.getRegion()
    assert (low, high) == pytest.approx((4.0, 5.0))  # 4-5 inches is the normal range
    assert "in" in charts.main.titleLabel.text


def test_sides_differ_by_colour_marker_and_line_style(make_page, store, profile):
    _history(store, profile.id)
    curves = make_page(profile).plot.charts.distance.curves
    left, right = curves[Side.LEFT].opts, curves[Side.RIGHT].opts
    assert left["symbol"] != right["symbol"]
    assert left["pen"].style() != right["pen"].style()
    assert left["pen"].color() != right["pen"].color()


def test_pre_post_pairs_mdc_band_and_hover(make_page, store, profile, qtbot):
    when = days_ago(5)
    add_pair(store, profile.id, days_ago(30), 6.0, 9.0)
    store.results.add(profile.id, [
        ktw(Side.LEFT, when, 7.0, phase=Phase.PRE),
        ktw(Side.LEFT, when + timedelta(minutes=40), 8.0, phase=Phase.POST,
            note="warm after the band drill")])
    page = make_page(profile)
    charts = page.plot.charts
    assert list(charts.distance.pairLines[Side.LEFT].yData) == [7.0, 8.0]
    # The first result was not recorded as a clinician's: the band is ± 2.5 cm.
    assert list(charts.distance.mdcLow[Side.LEFT].yData) == pytest.approx([3.5, 3.5])
    assert list(charts.distance.mdcHigh[Side.LEFT].yData) == pytest.approx([8.5, 8.5])
    # Hover over the post-session point: value, date and the note.
    qtbot.waitUntil(lambda: charts.main.getViewBox().width() > 100)
    post_t = (when + timedelta(minutes=40)).timestamp()
    scene = charts.main.getViewBox().mapViewToScene(QPointF(post_t, 8.0))
    text = charts.hover(scene)
    assert text is not None
    assert "Left: 8.0 cm" in text and "after a session" in text
    assert "warm after the band drill" in text
    assert when.astimezone().strftime("%Y-%m-%d") in text
    assert charts.distance.hoverLabel.isVisible()
    far = charts.main.getViewBox().mapViewToScene(QPointF(post_t, 1.0))
    assert charts.hover(far) is None and not charts.distance.hoverLabel.isVisible()


def test_training_volume_and_adherence(make_page, store, profile, catalogue):
    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.records import CompletedSet, SessionStatus, SetOutcome

    add_pair(store, profile.id, days_ago(20), 7.0, 8.0)
    store.plans.save(profile.id, [], 3)
    for day in (14, 12, 7, 5, 3):
        start = days_ago(day)
        sid = store.training.start_session(profile.id, [], started_at=to_utc_iso(start))
        store.training.record_set(sid, CompletedSet(
            0, "ankle_3way_mob", Side.LEFT, 1, to_utc_iso(start),
            to_utc_iso(start + timedelta(minutes=4))))
        store.training.finish_session(sid, SessionStatus.COMPLETED,
                                      ended_at=to_utc_iso(start + timedelta(minutes=5)))
    # Neither counts as done: finished with every set skipped, and stopped after one set.
    for day, outcome, status in ((10, SetOutcome.SKIPPED, SessionStatus.COMPLETED),
                                 (9, SetOutcome.COMPLETED, SessionStatus.STOPPED)):
        start = days_ago(day)
        sid = store.training.start_session(profile.id, [], started_at=to_utc_iso(start))
        store.training.record_set(sid, CompletedSet(
            0, "ankle_3way_mob", Side.LEFT, 1, to_utc_iso(start),
            to_utc_iso(start + timedelta(minutes=1)), outcome))
        store.training.finish_session(sid, status,
                                      ended_at=to_utc_iso(start + timedelta(minutes=2)))
    page = make_page(profile)
    weeks = page.view.weeks
    assert sum(w.sessions_done for w in weeks) == 5
    assert sum(w.minutes[Side.LEFT] for w in weeks) == pytest.approx(21.0)
    assert sum(w.minutes[Side.RIGHT] for w in weeks) == 0
    assert "Sessions done:" in page.adherenceLabel.text()
    bars = page.plot.charts.minutes.bars[Side.LEFT].opts["height"]
    assert float(sum(bars)) == pytest.approx(21.0)


def test_profile_switch_reloads(make_page, store, profile):
    _history(store, profile.id)
    other = store.profiles.create("Ola")
    page = make_page(profile)
    assert page.body.currentIndex() == 1
    page._current.set(other)
    assert page.body.currentIndex() == 0


def test_csv_import_asks_before_creating_profiles(make_page, store, profile, tmp_path,
                                                  monkeypatch, qtbot):
    page = make_page(profile)
    actions = page.actions
    told = []
    monkeypatch.setattr(actions, "inform", lambda title, text, error=False: told.append(text))
    source = tmp_path / "in.csv"
    source.write_text(",".join(COLUMNS) + "\r\n"
                      "Sam,2025-05-01T09:00:00+02:00,knee_to_wall,left,9,,,,baseline,\r\n"
                      "Yusuf,2025-05-01T09:05:00+02:00,knee_to_wall,right,11,,,,baseline,\r\n",
                      encoding="utf-8-sig")
    asked = []
    monkeypatch.setattr(actions, "confirm", lambda title, text: asked.append(text) or False)
    assert not actions.import_csv_from(source)
    assert "Yusuf" in asked[0] and store.profiles.names() == ["Sam"]
    assert store.results.count() == 0
    monkeypatch.setattr(actions, "confirm", lambda title, text: True)
    with qtbot.waitSignal(page.dataImported):
        assert actions.import_csv_from(source)
    assert store.profiles.names() == ["Sam", "Yusuf"]
    assert "Imported 2 results" in told[-1]
    assert page.body.currentIndex() == 1  # Sam's new result is on the chart straight away


def test_bad_csv_names_the_line_and_changes_nothing(make_page, store, profile, tmp_path,
                                                   monkeypatch):
    page = make_page(profile)
    told = []
    monkeypatch.setattr(page.actions, "inform",
                        lambda title, text, error=False: told.append((text, error)))
    source = tmp_path / "bad.csv"
    source.write_text(",".join(COLUMNS) + "\n"
                      "Sam,2025-05-01T09:00:00+02:00,knee_to_wall,left,9,,,,baseline,\n"
                      "Sam,yesterday,knee_to_wall,left,9,,,,baseline,\n", encoding="utf-8")
    assert not page.actions.import_csv_from(source)
    text, error = told[-1]
    assert error and "Nothing was imported" in text and "line 3:" in text
    assert store.results.count() == 0


def test_export_buttons_write_files(make_page, store, profile, tmp_path):
    _history(store, profile.id)
    page = make_page(profile)
    assert page.actions.export_csv_to(tmp_path / "sam", all_profiles=False)
    assert (tmp_path / "sam.csv").read_text(encoding="utf-8-sig").count("\n") == 9
    assert page.actions.export_pdf_to(tmp_path / "sam.pdf")
    assert (tmp_path / "sam.pdf").read_bytes().startswith(b"%PDF")


LAZY_SCRIPT = textwrap.dedent("""
    import sys, time
    from PySide6.QtWidgets import QApplication
    from ankle_gui.core.catalogue import load_catalogue
    from ankle_gui.store import Store
    from ankle_gui.ui.train.cues import quiet_cues
    from ankle_gui.ui.main_window import MainWindow
    from ankle_gui.core.records import Side, MeasurementKind, Measurement
    app = QApplication([])
    store = Store.open(sys.argv[1])
    sam = store.profiles.create("Sam")
    store.results.add(sam.id, [Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT,
                                          "2025-01-01T10:00:00.000000+00:00", 9.0)])
    window = MainWindow(store, load_catalogue(), cue_services=quiet_cues())
    window.current.set(sam)
    window.show()
    app.processEvents()
    print("after start", "pyqtgraph" in sys.modules)
    # Once idle, the window builds its pages, then imports pyqtgraph on a worker thread and
    # builds the chart: all before anyone opens the Progress page.
    end = time.monotonic() + 30
    progress = None
    while time.monotonic() < end and (progress is None or progress.plot is None):
        app.processEvents()
        progress = window.built_page("Progress")
        time.sleep(0.005)
    print("chart ready unseen", progress.plot is not None, progress.isVisible())
    window.show_page("Progress")
    app.processEvents()
    print("after shown", progress.view is not None)
""")


def test_pyqtgraph_waits_for_an_idle_window_then_loads_before_the_first_visit(tmp_path):
    # A fresh process: other tests in this one have long since imported pyqtgraph.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", LAZY_SCRIPT, str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=90, cwd=os.environ["HOME"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == ["after start False", "chart ready unseen True False",
                                            "after shown True"]


def test_the_chart_is_not_built_in_the_background_while_a_drill_runs(main_window, store,
                                                                       qtbot):
    sam = store.profiles.create("Sam")
    store.results.add(sam.id, [Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT,
                                           "2025-01-01T10:00:00+00:00", 9.0)])
    main_window.current.set(sam)
    main_window.drill.running_changed(True)  # as the player does when a drill starts
    qtbot.waitUntil(lambda: main_window.built_page("Progress") is not None
                    and main_window.built_page("Progress").charts_imported, timeout=30000)
    progress = main_window.built_page("Progress")
    assert progress.plot is None
    main_window.drill.running_changed(False)
    main_window.show_page("Progress")
    assert progress.plot is not None  # the first visit builds it


def test_quitting_waits_for_the_background_chart_import(qtbot, store, catalogue, wall,
                                                        monkeypatch):
    """Python tearing down a half-done import of numpy and pyqtgraph at exit crashed the app
    (SIGSEGV or SIGABRT when Quit or a SIGTERM came mid-import, about 1 exit in 6 in a loop):
    the import runs on a thread that exit waits for, not a daemon."""
    import threading

    from ankle_gui.ui.progress.progress_page import ProgressPage

    page = ProgressPage(store, CurrentProfile(store), catalogue, clock=wall)
    qtbot.addWidget(page)
    started = []
    real_start = threading.Thread.start

    def noted(thread):
        started.append(thread)
        real_start(thread)

    monkeypatch.setattr(threading.Thread, "start", noted)
    page.warm_up(lambda: False)
    [importer] = [t for t in started if t.name == "import charts"]
    assert not importer.daemon
    qtbot.waitUntil(lambda: page.charts_imported, timeout=30000)
