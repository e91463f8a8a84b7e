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


def test_an_after_test_with_no_before_promises_no_change_and_shows_its_numbers(
        qtbot, page, store):
    assert page.start_plan([plan_item_for(page.catalogue, "banded_mob_front", Side.LEFT)],
                           quick_test=True)
    form = page.quickTest
    qtbot.mouseClick(form.skipButton, Qt.MouseButton.LeftButton)   # "Skip the test and start"
    for _ in range(11):
        qtbot.keyClick(page.player, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is form)
    assert form.saveButton.text() == "Save"
    assert "change" not in form.saveButton.text() + form.title.text()
    assert "again" not in form.intro.text() and "no test before" in form.intro.text()
    form.leftField.edit.setText("12")
    form.rightField.edit.setText("12")
    qtbot.mouseClick(form.saveButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary)
    text = page.summary.body.toPlainText()
    assert "Knee-to-wall after the session" in text
    assert "Left: 12.0 cm" in text and "Right: 12.0 cm" in text
    assert "no test before this session, so there is nothing to compare" in text
    assert "→" not in text


def test_stopped_with_escape_and_no_before_the_after_test_is_still_shown(
        qtbot, page, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert page.start_plan([plan_item_for(page.catalogue, "banded_mob_front", Side.LEFT)],
                           quick_test=True)
    qtbot.mouseClick(page.quickTest.skipButton, Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.player, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.quickTest)
    assert page.quickTest.saveButton.text() == "Save"
    page.quickTest.leftField.edit.setText("9,5")
    page.quickTest.rightField.edit.setText("11")
    qtbot.mouseClick(page.quickTest.saveButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary)
    text = page.summary.body.toPlainText()
    assert "Left: 9.5 cm" in text and "Right: 11.0 cm" in text


def test_with_a_before_the_retest_still_shows_the_change(qtbot, page):
    assert page.start_plan([plan_item_for(page.catalogue, "banded_mob_front", Side.LEFT)],
                           quick_test=True)
    form = page.quickTest
    form.leftField.edit.setText("8")
    form.rightField.edit.setText("9")
    qtbot.mouseClick(form.saveButton, Qt.MouseButton.LeftButton)
    for _ in range(11):
        qtbot.keyClick(page.player, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is form)
    assert form.saveButton.text() == "Save and see the change"
    form.leftField.edit.setText("10.5")
    form.rightField.edit.setText("9")
    qtbot.mouseClick(form.saveButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary)
    text = page.summary.body.toPlainText()
    assert "Left: 8.0 cm → 10.5 cm (+2.5 cm) · improvement" in text
    assert "after the session" not in text and "nothing to compare" not in text


def _advance(page, clock, seconds: float, step: float = 0.25) -> None:
    """Let ``seconds`` of fake time pass, polled as often as the real ticker would."""
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.now = min(end, clock.now + step)
        page.player.poll()


def _row(page, drill_name: str) -> str:
    """The summary's one table row, its cells joined (each is a line of the plain text)."""
    lines = page.summary.body.toPlainText().splitlines()
    start = lines.index(drill_name)
    return " | ".join(lines[start:start + 4])


def test_a_timed_drill_skipped_after_a_second_reads_as_skipped(qtbot, page, clock):
    from ankle_gui.core.player_timings import DEFAULT_TIMINGS

    item = plan_item_for(page.catalogue, "downward_dog_alternating", Side.BOTH,
                         {"rounds": 1, "work_s": 60})
    assert page.start_plan([item], quick_test=False)
    qtbot.keyClick(page.player, Qt.Key.Key_Space)       # setup done: get ready
    _advance(page, clock, DEFAULT_TIMINGS.get_ready_s + 1.0)   # one second of work
    qtbot.keyClick(page.player, Qt.Key.Key_N)           # then skipped
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary)
    [done] = page.store.training.sets(page.session_id)
    assert done.outcome is SetOutcome.SKIPPED and done.seconds_done >= 1
    row = _row(page, page.catalogue.get("downward_dog_alternating").name)
    assert "Skipped" in row and "0:01" not in row and "1:00" not in row
    assert "0 of 1 set done, 1 skipped" in row


def test_a_drill_for_both_feet_at_once_is_named_as_in_the_handout(qtbot, page):
    from ankle_gui.core.handout import side_words

    item = plan_item_for(page.catalogue, "calf_raises_step")
    assert page.start_plan([item], quick_test=False)
    assert page.player.sideLabel.text() == "Both ankles together"
    skip_to_the_end(qtbot, page)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary)
    row = _row(page, page.catalogue.get("calf_raises_step").name)
    assert side_words(item, per_side=False) in row          # "Both ankles together"
    assert "Both sides" not in page.summary.body.toPlainText()


def test_sharp_pain_in_the_first_of_two_rounds_counts_both_planned_sets(qtbot, page):
    item = plan_item_for(page.catalogue, "banded_mob_front", Side.LEFT,
                         {"rounds": 2, "reps": 10, "rest_s": 30})
    assert page.start_plan([item], quick_test=False)
    for _ in range(4):                                  # setup, then three reps
        qtbot.keyClick(page.player, Qt.Key.Key_Space)
    with qtbot.waitSignal(page.sessionEnded):
        qtbot.mouseClick(page.player.painButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary)
    row = _row(page, page.catalogue.get("banded_mob_front").name)
    assert "0 of 2 sets done, stopped for pain" in row
    assert "3 / 20 reps" in row
