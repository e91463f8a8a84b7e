"""Pain and effort after a session: asked once however it ended, stored only when saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import SessionStatus, Side
from ankle_gui.core.steps import StepKind
from ankle_gui.services.session_ratings import ratings_of


def space(qtbot, page, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(page.player, Qt.Key.Key_Space)


def start(qtbot, page, item) -> None:
    assert page.start_plan([item], quick_test=False)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)   # the player's keys are window shortcuts


def finish_one_side(qtbot, page, catalogue):
    start(qtbot, page, plan_item_for(catalogue, "banded_mob_front", Side.LEFT))
    space(qtbot, page, 11)                        # setup, then ten self-paced reps


@pytest.fixture
def asked(qtbot, page, catalogue):
    """A finished session and the ratings dialog it opened."""
    finish_one_side(qtbot, page, catalogue)
    assert page.stack.currentWidget() is page.summary
    dialog = page.ratingsDialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_finished_session_asks_once_and_stores_both(qtbot, page, store, asked):
    sid = page.session_id
    assert store.training.session(sid).status is SessionStatus.COMPLETED
    assert len(page.findChildren(type(asked))) == 1
    qtbot.mouseClick(asked.painRating.group.button(3), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(asked.effortRating.group.button(7), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.ratingsStored) as stored:
        qtbot.mouseClick(asked.saveButton, Qt.MouseButton.LeftButton)
    assert stored.args == [sid]
    assert tuple(ratings_of(store, sid)) == (3, 7)
    assert page.ratingsDialog is None


def test_the_keyboard_alone_rates(qtbot, page, store, asked):
    qtbot.keyClick(asked.painRating, Qt.Key.Key_4)
    qtbot.keyClick(asked.painRating, Qt.Key.Key_Right)       # 5
    qtbot.keyClick(asked.painRating, Qt.Key.Key_Down)        # to the effort row
    assert asked.effortRating.hasFocus()
    qtbot.keyClick(asked.effortRating, Qt.Key.Key_End)       # 10
    qtbot.keyClick(asked.effortRating, Qt.Key.Key_Return)
    assert tuple(ratings_of(store, page.session_id)) == (5, 10)


def test_answering_one_and_leaving_the_other_stores_one(qtbot, page, store, asked):
    qtbot.mouseClick(asked.effortRating.group.button(2), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(asked.painRating.group.button(6), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(asked.painRating.group.button(6), Qt.MouseButton.LeftButton)  # undone
    qtbot.mouseClick(asked.saveButton, Qt.MouseButton.LeftButton)
    assert tuple(ratings_of(store, page.session_id)) == (None, 2)


@pytest.mark.parametrize("how", ["skip", "escape", "closed", "nothing chosen"])
def test_skipping_or_being_closed_stores_nothing(qtbot, page, store, asked, how):
    qtbot.mouseClick(asked.painRating.group.button(9), Qt.MouseButton.LeftButton)
    if how == "nothing chosen":
        asked.painRating.set_value(None)
    with qtbot.assertNotEmitted(page.ratingsStored):
        if how == "skip":
            qtbot.mouseClick(asked.skipButton, Qt.MouseButton.LeftButton)
        elif how == "escape":
            qtbot.keyClick(asked.painRating, Qt.Key.Key_Escape)
        elif how == "closed":          # what the idle lock does to every open dialog
            asked.close()
        else:
            qtbot.mouseClick(asked.saveButton, Qt.MouseButton.LeftButton)
    assert not asked.isVisible()
    assert tuple(ratings_of(store, page.session_id)) == (None, None)
    assert page.ratingsDialog is None


def test_a_dialog_deleted_from_outside_is_forgotten(qtbot, page, store, asked):
    from PySide6.QtCore import QCoreApplication, QEvent

    asked.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert page.ratingsDialog is None
    page.current.set(store.profiles.create("Kim"))     # nothing left to put away
    assert tuple(ratings_of(store, page.session_id)) == (None, None)


def test_a_refused_save_keeps_the_dialog_and_changes_nothing(qtbot, page, store, asked):
    store.training.reopen_session(page.session_id)   # as if running again: cannot be rated
    qtbot.mouseClick(asked.painRating.group.button(4), Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(page.ratingsStored):
        assert not asked.save()
    assert asked.isVisible() and "still running" in asked.message.text()
    assert tuple(ratings_of(store, page.session_id)) == (None, None)


def test_a_change_of_person_puts_the_question_away(qtbot, page, store, asked):
    other = store.profiles.create("Kim")
    page.current.set(other)
    assert not asked.isVisible() and page.ratingsDialog is None
    assert tuple(ratings_of(store, page.session_id)) == (None, None)


def test_a_stopped_session_asks_once(qtbot, page, store, catalogue, monkeypatch):
    start(qtbot, page, plan_item_for(catalogue, "banded_mob_front", Side.LEFT))
    space(qtbot, page, 4)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question",
                        lambda *a, **k: __import__("PySide6.QtWidgets").QtWidgets
                        .QMessageBox.StandardButton.Yes)
    page.player.request_stop()
    sid = page.session_id
    assert store.training.session(sid).status is SessionStatus.STOPPED
    dialog = page.ratingsDialog
    assert dialog is not None and dialog.isVisible()
    assert len(page.findChildren(type(dialog))) == 1
    qtbot.keyClick(dialog.painRating, Qt.Key.Key_0)
    qtbot.keyClick(dialog.painRating, Qt.Key.Key_Enter)
    assert tuple(ratings_of(store, sid)) == (0, None)        # 0 is a rating, not "none"


def test_sharp_pain_asks_too(qtbot, page, store, catalogue):
    start(qtbot, page, plan_item_for(catalogue, "banded_mob_front", Side.LEFT))
    space(qtbot, page, 3)
    qtbot.mouseClick(page.player.painButton, Qt.MouseButton.LeftButton)
    assert page.ratingsDialog is not None and page.ratingsDialog.isVisible()


def test_a_resumed_session_asks_once_it_is_finished(qtbot, page, store, catalogue):
    item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH)
    start(qtbot, page, item)
    sid = page.session_id
    space(qtbot, page, 11)                        # left side done and stored
    assert page.player.view.kind is StepKind.SWITCH_SIDE
    page.shutdown()                               # the window closes: interrupted
    assert store.training.session(sid).status is SessionStatus.INTERRUPTED
    assert page.ratingsDialog is None             # not asked for an interrupted session

    assert page.resume_session(sid)
    assert page.ratingsDialog is None
    qtbot.mouseClick(page.player.nextButton, Qt.MouseButton.LeftButton)   # past the switch
    assert page.player.view.kind is StepKind.REPS
    space(qtbot, page, 10)
    assert not page.running
    assert store.training.session(sid).status is SessionStatus.COMPLETED
    dialog = page.ratingsDialog
    assert dialog is not None and dialog.session_id == sid
    assert len([d for d in page.findChildren(type(dialog)) if d.isVisible()]) == 1
    qtbot.keyClick(dialog.painRating, Qt.Key.Key_2)
    qtbot.keyClick(dialog.painRating, Qt.Key.Key_Return)
    assert tuple(ratings_of(store, sid)) == (2, None)


def test_the_dialog_fits_a_small_laptop(qtbot, page, asked):
    size = asked.sizeHint()
    assert size.width() <= 1366 - 40 and size.height() <= 768 - 60
    for row in (asked.painRating, asked.effortRating):
        for button in row.group.buttons():
            assert button.width() >= 56 and button.height() >= 56


def test_the_retest_comes_first_then_the_ratings(qtbot, page, store, catalogue):
    assert page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)],
                           quick_test=True)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.mouseClick(page.quickTest.skipButton, Qt.MouseButton.LeftButton)
    space(qtbot, page, 11)
    assert page.stack.currentWidget() is page.quickTest and page.ratingsDialog is None
    qtbot.mouseClick(page.quickTest.skipButton, Qt.MouseButton.LeftButton)
    assert page.ratingsDialog is not None and page.ratingsDialog.isVisible()


# --- clinic mode: the service checks whose session it is ------------------------------------

@pytest.fixture
def ended(store, profile):
    """A stopped session of ``profile``, not rated yet."""
    sid = store.training.start_session(profile.id, [])
    store.training.finish_session(sid, SessionStatus.STOPPED)
    return sid


def ratings_dialog(qtbot, store, sid, access):
    from ankle_gui.ui.train.ratings_dialog import RatingsDialog

    dialog = RatingsDialog(store, sid, access=access)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_patients_own_access_stores(qtbot, store, profile, ended):
    from ankle_gui.core.clinic import Role
    from ankle_gui.services.patient_access import Access

    dialog = ratings_dialog(qtbot, store, ended, Access(Role.PATIENT, profile))
    dialog.painRating.set_value(5)
    dialog.effortRating.set_value(6)
    with qtbot.waitSignal(dialog.stored):
        assert dialog.save()
    assert tuple(ratings_of(store, ended)) == (5, 6)


def test_someone_elses_access_is_refused_and_stores_nothing(qtbot, store, profile, ended):
    from ankle_gui.core.clinic import Role
    from ankle_gui.services.patient_access import Access

    other = store.profiles.create("Kim")
    dialog = ratings_dialog(qtbot, store, ended, Access(Role.PATIENT, other))
    dialog.painRating.set_value(5)
    with qtbot.assertNotEmitted(dialog.stored):
        assert not dialog.save()
    assert dialog.isVisible()
    assert dialog.error == "This session belongs to someone else."
    assert dialog.message.text() == "Not saved: This session belongs to someone else."
    assert tuple(ratings_of(store, ended)) == (None, None)


def test_the_page_gives_the_dialog_its_access(qtbot, page, store, asked):
    from ankle_gui.core.clinic import Role
    from ankle_gui.services.patient_access import Access

    page.access = lambda: Access(Role.PATIENT, store.profiles.create("Kim"))
    dialog = page.ask_ratings(page.session_id)
    assert not asked.isVisible()                  # the first one is put away
    qtbot.keyClick(dialog.painRating, Qt.Key.Key_3)
    assert not dialog.save()
    assert "someone else" in dialog.message.text()
    assert tuple(ratings_of(store, page.session_id)) == (None, None)
