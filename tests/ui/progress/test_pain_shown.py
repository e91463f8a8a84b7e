"""Pain after sessions on the Progress page and in the report: "not rated", never 0."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import TODAY, add_pair, days_ago

from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.progress_series import SessionDone
from ankle_gui.core.records import SessionStatus
from ankle_gui.core.session_pain import ended_sessions, pain_words
from ankle_gui.services.session_ratings import rate_session
from ankle_gui.ui.common.current_profile import CurrentProfile


def ended(store, profile_id, status=SessionStatus.COMPLETED, reason=None, *,
          hours_ago: float = 1) -> int:
    sid = store.training.start_session(profile_id, [],
                                       to_utc_iso(TODAY - timedelta(hours=hours_ago)))
    store.training.finish_session(sid, status, reason)
    return sid


def rated_ids(store, profile_id) -> list[int]:
    """The ended sessions' ids, oldest first."""
    return [s.id for s in sorted(store.training.sessions(profile_id), key=lambda s: s.started_at)
            if s.status in (SessionStatus.COMPLETED, SessionStatus.STOPPED)]


@pytest.fixture
def rated(store, profile):
    """Four ended sessions: pain 3 / effort 6, not rated, pain 0 only, stopped with 6."""
    add_pair(store, profile.id, days_ago(1), 8.0, 9.0)
    first, _unrated, zero, stopped = (
        ended(store, profile.id, hours_ago=40), ended(store, profile.id, hours_ago=30),
        ended(store, profile.id, hours_ago=20),
        ended(store, profile.id, SessionStatus.STOPPED, "user", hours_ago=10))
    rate_session(store, first, 3, 6)
    rate_session(store, zero, 0, None)
    rate_session(store, stopped, 6, 4)
    running = store.training.start_session(profile.id, [])   # not listed: not ended
    return running


def test_words_never_read_a_missing_rating_as_zero():
    sessions = ended_sessions([SessionDone(1.0, "completed"), SessionDone(2.0, "stopped", 0),
                               SessionDone(3.0, "interrupted"), SessionDone(4.0, "running")])
    assert [(s.t, s.pain) for s in sessions] == [(1.0, None), (2.0, 0)]
    assert pain_words(sessions).startswith("Pain after sessions: latest 0/10")
    assert "1 of 2 sessions rated" in pain_words(sessions)
    assert "not rated yet (0 of 1 session rated)" in pain_words(sessions[:1])
    assert pain_words([]) == "Pain after sessions: no session in this range."


def test_the_progress_page_shows_pain_per_session(wall, qtbot, store, catalogue, profile, rated):
    from ankle_gui.ui.progress.progress_page import ProgressPage

    current = CurrentProfile(store)
    current.set(profile)
    page = ProgressPage(store, current, catalogue, clock=wall)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.painLabel.text().startswith("Pain after sessions: latest 6/10")
    assert "3 of 4 sessions rated" in page.painLabel.text()
    table = page.painTable
    assert table.isVisible() and table.rowCount() == 4          # newest first
    assert [table.cell_text(r, 1) for r in range(4)] == ["6/10", "0/10", "not rated", "3/10"]
    assert [table.cell_text(r, 2) for r in range(4)] == ["4/10", "not rated", "not rated",
                                                          "6/10"]
    ended(store, profile.id, hours_ago=5)                       # a fifth: the oldest goes
    page.reload()
    assert table.rowCount() == 4 and table.cell_text(0, 1) == "not rated"
    assert [table.cell_text(r, 1) for r in range(1, 4)] == ["6/10", "0/10", "not rated"]
    # A rating stored elsewhere shows the next time the page is shown.
    page.hide()
    rate_session(store, rated_ids(store, profile.id)[-1], 2, 2)   # the newest
    page.show()
    assert page.painTable.cell_text(0, 1) == "2/10"


def test_the_report_lists_pain_and_not_rated(wall, qapp, store, catalogue, profile, rated):
    from ankle_gui.printing.report_html import FITS, report_html
    from ankle_gui.services.reports import report_content

    content = report_content(store, profile, catalogue, now=wall().timestamp())
    assert [s.pain for s in content.sessions] == [3, None, 0, 6]
    html = report_html(content, FITS[0], 600, 300, None)
    assert "Pain after sessions: latest 6/10" in html
    assert "pain 6/10, effort 4/10" in html and "pain not rated, effort not rated" in html
    assert "pain 0/10, effort not rated" in html


def test_a_report_without_ratings_says_so(wall, qapp, store, catalogue, profile):
    from ankle_gui.printing.report_html import FITS, report_html
    from ankle_gui.services.reports import report_content

    add_pair(store, profile.id, days_ago(1), 8.0, 9.0)
    ended(store, profile.id)
    content = report_content(store, profile, catalogue, now=wall().timestamp())
    html = report_html(content, FITS[0], 600, 300, None)
    assert "Pain after sessions: not rated yet (0 of 1 session rated)." in html
    assert "0/10" not in html
