"""The charts show their data: no key or label over a point, date labels that never collide."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from helpers import TODAY, add_pair, days_ago, ktw
from paper_charts import paint_paper_charts
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsTextItem

from ankle_gui.core.date_ticks import date_ticks
from ankle_gui.core.progress import build_view
from ankle_gui.core.records import Side
from ankle_gui.core.time_buckets import RANGES
from ankle_gui.core.units import Unit
from ankle_gui.printing.chart_frame import AXIS_PT, font
from ankle_gui.store.demo import add_demo_profile
from ankle_gui.ui.common.current_profile import CurrentProfile


@pytest.fixture
def shown_page(qtbot, store, catalogue, wall):
    def show(profile, range_key):
        from ankle_gui.ui.progress.progress_page import ProgressPage

        current = CurrentProfile(store)
        current.set(profile)
        page = ProgressPage(store, current, catalogue, clock=wall)
        qtbot.addWidget(page)
        page.resize(1100, 720)  # about what a 1366x768 screen leaves for the page
        page.show()
        qtbot.waitExposed(page)
        page.rangeSelector.setCurrentIndex(page.rangeSelector.findData(range_key))
        assert page.range_key == range_key and page.view is not None  # redrawn at once
        page.plot.ci.layout.activate()
        return page.plot.charts
    return show


def _data_points(charts) -> list[QPointF]:
    """Every drawn point of every plot, in scene coordinates (bars by their top centre)."""
    points = []
    for plot in (charts.main, charts.asym, charts.volume, charts.adherence):
        vb = plot.getViewBox()
        for item in plot.listDataItems() + [i for i in vb.addedItems if hasattr(i, "opts")]:
            xs = ys = None
            if hasattr(item, "getData"):
                xs, ys = item.getData()
            elif hasattr(item, "opts") and "height" in item.opts:  # BarGraphItem
                xs, ys = item.opts.get("x"), item.opts.get("height")
            if xs is None or ys is None:
                continue
            for x, y in zip(xs, ys, strict=False):
                points.append(vb.mapViewToScene(QPointF(float(x), float(y))))
    return points


def _covers(charts) -> list[tuple[str, QRectF]]:
    """What could hide a point: every key and every visible text on the chart."""
    scene = charts.main.scene()
    covers = [(f"key {i}", key.sceneBoundingRect()) for i, key in enumerate(charts.keys)
              if key.isVisible()]
    for item in scene.items():
        if isinstance(item, QGraphicsTextItem) and item.isVisible() \
                and item.toPlainText().strip():
            covers.append((item.toPlainText(), item.sceneBoundingRect()))
    return covers


def _assert_nothing_covers_data(charts):
    points = _data_points(charts)
    assert len(points) > 10
    hidden = [(name, p) for name, rect in _covers(charts) for p in points if rect.contains(p)]
    assert hidden == []
    # Keys sit wholly outside every plot's data area, so no future point can go under one.
    for key in charts.keys:
        for plot in (charts.main, charts.asym, charts.volume, charts.adherence):
            assert not key.sceneBoundingRect().intersects(
                plot.getViewBox().sceneBoundingRect())


def _new_patient(store):
    """The issue's case: one restricted result per side, right where a legend used to be."""
    profile = store.profiles.create("New patient")
    add_pair(store, profile.id, days_ago(1), 8.5, 7.5)
    return profile


@pytest.mark.parametrize("range_key", [r.key for r in RANGES])
def test_no_point_of_the_demo_lies_under_a_key_or_label(wall, shown_page, store, catalogue,
                                                         range_key):
    charts = shown_page(add_demo_profile(store, catalogue, today=wall()), range_key)
    _assert_nothing_covers_data(charts)
    assert not any(isinstance(i, QGraphicsTextItem) and i.isVisible() and "flag" in
                   i.toPlainText() for i in charts.asym.getViewBox().childItems())


def test_a_single_restricted_result_is_not_hidden(shown_page, store):
    charts = shown_page(_new_patient(store), "3m")
    main = charts.main.getViewBox()
    for side in (Side.LEFT, Side.RIGHT):
        xs, ys = charts.distance.curves[side].getData()
        assert len(xs) == 1
        where = main.mapViewToScene(QPointF(xs[0], ys[0]))
        assert all(not rect.contains(where) for _, rect in _covers(charts))
    _assert_nothing_covers_data(charts)


def _assert_paper_keys_off_the_data(drawn):
    """On paper too: no point under a key, and every key wholly outside every plot."""
    points = [p for series in drawn.points.values() for p in series]
    assert len(points) > 10
    for entry in drawn.keys:
        for rect in (entry.sample, entry.text_rect):
            assert not any(rect.contains(p) for p in points), entry.text
            assert not any(rect.intersects(plot) for plot in drawn.plots.values()), entry.text


def test_printed_charts_keep_their_keys_off_the_data(wall, qapp, store, catalogue):
    profile = add_demo_profile(store, catalogue, today=wall())
    view = build_view(store.progress.load(profile.id), "all", TODAY.timestamp())
    _, drawn = paint_paper_charts(view, Unit.CM, 2100, 1100)
    _assert_paper_keys_off_the_data(drawn)
    # The main chart's key is printed in words under the chart; the small ones have theirs.
    assert {entry.chart for entry in drawn.keys} == {"gap", "minutes", "sessions"}


def _key_entries(charts) -> list[list[tuple[str, QRectF, QRectF]]]:
    """Each row of keys across the layout, left to right: (text, sample, the text's own box
    without the label's margins) for every entry."""
    rows: dict[float, list[tuple[str, QRectF, QRectF]]] = {}
    for key in charts.keys:
        for sample, label in key.items:
            margin = label.item.document().documentMargin()
            text = label.item.sceneBoundingRect().adjusted(margin, 0, -margin, 0)
            rows.setdefault(round(sample.sceneBoundingRect().center().y()), []).append(
                (label.text, sample.sceneBoundingRect(), text))
    return [sorted(row, key=lambda e: e[1].left()) for row in rows.values()]


def _assert_key_entries_apart(charts):
    """A key's text never runs into the next entry, and entries stand clearly further apart
    than a sample from its own text, so each text reads with its own sample."""
    rows = _key_entries(charts)
    assert sum(len(row) for row in rows) == 7  # gap, flag; left, right, both; done, planned
    for row in rows:
        own = max(text.left() - sample.right() for _, sample, text in row)
        assert own > 0
        for (a, _, text), (b, sample, _) in zip(row, row[1:], strict=False):
            assert sample.left() - text.right() >= 2 * own, \
                f"{a!r} runs into {b!r}: {sample.left() - text.right():.1f} px apart"


def _assert_paper_key_entries_apart(drawn):
    rows: dict[tuple[str, int], list] = {}
    for entry in drawn.keys:
        rows.setdefault((entry.chart, round(entry.sample.center().y())), []).append(entry)
    assert sum(len(row) for row in rows.values()) == 7
    for row in rows.values():
        row.sort(key=lambda e: e.sample.left())
        own = max(e.text_rect.left() - e.sample.right() for e in row)
        assert own > 0
        for a, b in zip(row, row[1:], strict=False):
            assert b.sample.left() - a.text_rect.right() >= 2 * own, \
                f"{a.text!r} runs into {b.text!r}"


# Each is the chart's size on the report: A4 and Letter, less 14 mm margins, at 300 dpi.
@pytest.mark.parametrize(("width_px", "height_px", "unit"), [
    (2150, 1144, Unit.CM), (2219, 1069, Unit.INCH), (2100, 1100, Unit.CM)])
def test_printed_keys_give_each_entry_room(wall, qapp, store, catalogue, width_px, height_px, unit):
    profile = add_demo_profile(store, catalogue, today=wall())
    view = build_view(store.progress.load(profile.id), "all", TODAY.timestamp())
    _, drawn = paint_paper_charts(view, unit, width_px, height_px)
    _assert_paper_key_entries_apart(drawn)


# --- date ticks ---------------------------------------------------------------------------------

COLLIDED = re.compile(r"\d[A-Za-z]|[A-Za-z]\d")  # "29Oct", "Nov03"


def _axis_labels(axis) -> list[tuple[float, str]]:
    """The labels the axis draws, with their x position in pixels along the axis."""
    vmin, vmax = axis.range
    length = axis.geometry().width()
    levels = axis.tickValues(vmin, vmax, length)
    values = [v for _, vs in levels for v in vs]
    texts = axis.tickStrings(values, 1.0, levels[0][0] if levels else 1.0)
    return [((v - vmin) / (vmax - vmin) * length, t) for v, t in zip(values, texts, strict=True)]


def _assert_readable(axis):
    labels = _axis_labels(axis)
    assert labels, "an axis with no date at all"
    metrics = QFontMetricsF(axis.style["tickFont"])
    length = axis.geometry().width()
    for x, text in labels:  # wholly on the axis: pyqtgraph hides a label that sticks out
        half = metrics.horizontalAdvance(text) / 2
        assert half <= x <= length - half, text
    for (x1, a), (x2, b) in zip(labels, labels[1:], strict=False):
        room = x2 - x1
        half_widths = (metrics.horizontalAdvance(a) + metrics.horizontalAdvance(b)) / 2
        assert room >= half_widths + 6, f"{a!r} and {b!r} collide"
    for _, text in labels:
        assert not COLLIDED.search(text.replace(" ", "  ")), text
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2}( \d{4})?|\d{4}", text), text


@pytest.mark.parametrize("range_key", [r.key for r in RANGES])
def test_date_labels_never_collide_on_screen(wall, shown_page, store, catalogue, range_key):
    charts = shown_page(add_demo_profile(store, catalogue, today=wall()), range_key)
    for plot in (charts.main, charts.asym, charts.volume, charts.adherence):
        _assert_readable(plot.getAxis("bottom"))


def _assert_paper_dates_readable(image, drawn, chart):
    labels = drawn.dates[chart]
    assert labels, "an axis with no date at all"
    metrics = QFontMetricsF(font(AXIS_PT), image)
    length = drawn.plots[chart].width()
    for x, text in labels:  # wholly under the axis
        half = metrics.horizontalAdvance(text) / 2
        assert half <= x <= length - half, text
    for (x1, a), (x2, b) in zip(labels, labels[1:], strict=False):
        half_widths = (metrics.horizontalAdvance(a) + metrics.horizontalAdvance(b)) / 2
        assert x2 - x1 >= half_widths + metrics.height() / 2, f"{a!r} and {b!r} collide"
    for _, text in labels:
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2}( \d{4})?|\d{4}", text), text


def test_date_labels_over_ten_years_and_in_print(qapp, store):
    profile = store.profiles.create("Ten years")
    start = days_ago(3650)
    store.results.add(profile.id, [ktw(side, start + timedelta(days=d), 8.0 + d / 1000)
                                   for d in range(0, 3650, 30) for side in Side
                                   if side is not Side.BOTH])
    view = build_view(store.progress.load(profile.id), "all", TODAY.timestamp())
    image, drawn = paint_paper_charts(view, Unit.CM, 2100, 1100)
    for chart in ("distance", "gap"):
        _assert_paper_dates_readable(image, drawn, chart)
        assert all(re.fullmatch(r"\d{4}", t) for _, t in drawn.dates[chart])


def test_printed_date_labels_of_the_demo_are_readable(wall, qapp, store, catalogue):
    profile = add_demo_profile(store, catalogue, today=wall())
    view = build_view(store.progress.load(profile.id), "all", TODAY.timestamp())
    image, drawn = paint_paper_charts(view, Unit.CM, 2100, 1100)
    for chart in ("distance", "gap", "minutes", "sessions"):
        _assert_paper_dates_readable(image, drawn, chart)


@pytest.mark.parametrize(("days", "expected"), [
    (6, r"\d{1,2} [A-Z][a-z]{2}"),          # days
    (28, r"\d{1,2} [A-Z][a-z]{2}"),         # Mondays
    (365, r"[A-Z][a-z]{2}( \d{4})?"),       # months
    (3650, r"\d{4}"),                       # years
])
def test_one_kind_of_tick_per_range(days, expected):
    end = datetime(2026, 11, 29, 12).astimezone().timestamp()
    ticks = date_ticks(end - days * 86400, end, lambda a, b: days * 86400 / 8)
    assert 2 <= len(ticks) <= 8
    assert all(re.fullmatch(expected, label) for _, label in ticks)
    assert [t for t, _ in ticks] == sorted(t for t, _ in ticks)
    for t, _ in ticks:  # on local midnights
        local = datetime.fromtimestamp(t).astimezone()
        assert (local.hour, local.minute) == (0, 0)


def test_month_ticks_name_the_year_at_each_january():
    start = datetime(2025, 10, 10).astimezone().timestamp()
    end = datetime(2026, 3, 20).astimezone().timestamp()
    labels = [label for _, label in date_ticks(start, end, lambda a, b: (end - start) / 6)]
    assert labels == ["Nov", "Dec", "Jan 2026", "Feb", "Mar"]
