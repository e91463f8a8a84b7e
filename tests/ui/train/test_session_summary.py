"""The session summary on the Train page: a session with every set skipped, the quick
retest with and without a before, and the summary's own words."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import SessionStatus, SetOutcome, Side


def skip_to_the_end(qtbot, page) -> None:
    """N through every step, as the reviewer did, until the run has ended."""
    for _ in range(200):
        if not page.running:
            return
        qtbot.keyClick(page.player, Qt.Key.Key_N)
    raise AssertionError("the session did not end")


def test_every_set_skipped_is_kept_but_not_called_complete(qtbot, page, store, profile):
    items = [plan_item_for(page.catalogue, "banded_mob_front", Side.BOTH),
             plan_item_for(page.catalogue, "calf_raises_step")]
    assert page.start_plan(items, quick_test=False)
    with qtbot.waitSignal(page.sessionEnded) as ended:
        skip_to_the_end(qtbot, page)
    assert ended.args == [page.session_id, "done"]
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary)
    # Kept in the history with its skipped sets: nothing is lost.
    session = store.training.session(page.session_id)
    sets = store.training.sets(page.session_id)
    assert session.status is SessionStatus.COMPLETED and sets
    assert {s.outcome for s in sets} == {SetOutcome.SKIPPED}
    assert page.summary.heading.text() == "No set done this time"
    text = page.summary.body.toPlainText()
    assert "Every set was skipped, so this does not count as a session done" in text
    # ...and the Progress page's count leaves it out.
    [loaded] = store.progress.load(profile.id).sessions
    assert loaded.sets_done == 0


def test_one_set_done_is_still_a_complete_session(qtbot, page, store):
    assert page.start_plan([plan_item_for(page.catalogue, "banded_mob_front", Side.LEFT)],
                           quick_test=False)
    for _ in range(11):                       # setup, then ten self-paced reps
        qtbot.keyClick(page.player, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary)
    assert page.summary.heading.text() == "Session complete"
    assert "does not count" not in page.summary.body.toPlainText()
