"""The Progress page, the report and the handout on awkward days: month ends, a leap day, the
turn of the year and both clock changes, in time zones on either side of UTC.

The demo history is built to end on each day (its dates follow ``today``), the store and the
page are handed that day as their clock, and what holds on any day is checked: the range
ends now, nothing of the ten weeks is lost or counted twice, the newest result is drawn,
and the report is one page that lists the newest test day and prints that day's date.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import local_timezone

from ankle_gui.core.records import MeasurementKind, Side
from ankle_gui.printing.report import write_pdf
from ankle_gui.services.reports import handout_content, report_content
from ankle_gui.store import Store
from ankle_gui.store.demo import add_demo_profile
from ankle_gui.ui.common.current_profile import CurrentProfile

# (time zone, local moment the history ends): each an edge a calendar calculation can trip on.
DAYS = [
    ("UTC", datetime(2026, 1, 31, 23, 30)),                 # a month end, late evening
    ("UTC", datetime(2026, 2, 28, 8, 0)),                   # February's end, no leap year
    ("Asia/Tokyo", datetime(2028, 2, 29, 12, 0)),            # a leap day
    ("Europe/Berlin", datetime(2026, 3, 29, 3, 30)),        # just after clocks go forward
    ("Europe/Berlin", datetime(2026, 10, 25, 2, 30)),       # the hour that happens twice
    ("America/New_York", datetime(2026, 11, 1, 1, 30)),     # the same, west of UTC
    ("Pacific/Kiritimati", datetime(2026, 12, 31, 23, 0)),  # the year's end at UTC+14
    ("Pacific/Pago_Pago", datetime(2027, 1, 1, 0, 30)),     # its first minutes at UTC-11
]


@pytest.fixture(params=DAYS, ids=[f"{zone}-{moment:%Y-%m-%dT%H%M}" for zone, moment in DAYS])
def day(request):
    zone, moment = request.param
    with local_timezone(zone):
        yield moment.replace(tzinfo=ZoneInfo(zone))


@pytest.fixture
def demo(day, data_dir, catalogue):
    store = Store.open(data_dir, clock=lambda: day)
    profile = add_demo_profile(store, catalogue, today=day)
    yield store, profile
    store.close()


def test_the_progress_page_ends_today_and_keeps_every_result(day, demo, catalogue, qtbot):
    from ankle_gui.ui.progress.progress_page import ProgressPage

    store, profile = demo
    current = CurrentProfile(store)
    current.set(profile)
    page = ProgressPage(store, current, catalogue, clock=lambda: day)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    stored = [m for m in store.results.for_profile(profile.id)
              if m.test is MeasurementKind.KNEE_TO_WALL]
    newest = max(datetime.fromisoformat(m.taken_at) for m in stored)
    for range_key in ("3m", "all"):
        page.rangeSelector.setCurrentIndex(page.rangeSelector.findData(range_key))
        view = page.view
        assert view.end == day.timestamp()
        assert view.measure_count == len(stored), range_key  # ten weeks fit in three months
        drawn = max(m.t for side in (Side.LEFT, Side.RIGHT) for m in view.series[side])
        assert drawn == pytest.approx(newest.timestamp(), abs=60), range_key  # a mean
        # 27 of the 30 planned sessions were done, whichever weeks the days fall into.
        assert sum(week.sessions_done for week in view.weeks) == 27, range_key


def test_the_report_is_one_page_with_the_newest_test_day_and_todays_date(day, demo, catalogue,
                                                                        tmp_path):
    store, profile = demo
    out = tmp_path / "report.pdf"
    assert write_pdf(report_content(store, profile, catalogue, range_key="all",
                                    now=day.timestamp()), out, "a4") == 1
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    today = f"{day:%Y-%m-%d}"
    assert f"Printed {today} {day:%H:%M}" in text
    assert f"to {today}" in text                       # the period ends today
    newest = max(datetime.fromisoformat(m.taken_at) for m in store.results.for_profile(
        profile.id)).astimezone(day.tzinfo)
    assert f"{newest:%Y-%m-%d}   " in text.split("Recent tests")[1]  # listed, newest first
    listed = int(text.split("(Latest ")[1].split(" of 11 test days)")[0])
    assert listed >= 5
    assert "(0 of 27 sessions rated)" in " ".join(text.split())  # every session counted once


def test_the_handout_carries_todays_date(day, demo, catalogue):
    store, profile = demo
    handout = handout_content(store, catalogue, profile.id, printed_on=day.date())
    assert handout.printed_on.isoformat() == f"{day:%Y-%m-%d}"


def test_the_demo_history_is_ten_weeks_to_the_day(day, demo):
    store, profile = demo
    stored = sorted(datetime.fromisoformat(m.taken_at)
                    for m in store.results.for_profile(profile.id))
    assert stored[-1] <= day - timedelta(hours=1)   # the retest, at least an hour ago
    assert timedelta(weeks=9) < stored[-1] - stored[0] <= timedelta(weeks=10)
