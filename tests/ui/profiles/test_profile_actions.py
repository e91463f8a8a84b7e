"""The Profiles page's per-profile buttons act on the highlighted profile, so they are only
enabled while one is highlighted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ankle_gui.services.errors import NotAllowed
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.profiles.profiles_page import ProfilesPage


@pytest.fixture
def current(store):
    return CurrentProfile(store)


@pytest.fixture
def page(qtbot, store, current):
    widget = ProfilesPage(store, current)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _actions(page) -> dict[str, bool]:
    return {b.objectName(): b.isEnabled()
            for b in (page.useButton, page.renameButton, page.unitButton, page.deleteButton)}


def _all(enabled: bool) -> dict[str, bool]:
    return dict.fromkeys(("useProfileButton", "renameProfileButton", "changeUnitButton",
                          "deleteProfileButton"), enabled)


def _highlighted(page) -> list[str]:
    return [item.text().split("   ")[0] for item in page.list.selectedItems()]


def _create(qtbot, page, name: str) -> None:
    page.nameEdit.setText(name)
    qtbot.keyClick(page.nameEdit, Qt.Key.Key_Return)


def _row_of(page, name: str) -> int:
    return next(i for i in range(page.list.count())
                if page.list.item(i).text().startswith(name + " "))


def _ctrl_click(qtbot, page, row: int) -> None:
    rect = page.list.visualItemRect(page.list.item(row))
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, rect.center())


def test_no_profiles_means_no_profile_actions(page):
    assert page.list.count() == 0
    assert _actions(page) == _all(False)


def test_actions_follow_the_list_as_profiles_come_and_go(qtbot, page, store):
    _create(qtbot, page, "Sam")
    assert _highlighted(page) == ["Sam"] and _actions(page) == _all(True)
    _create(qtbot, page, "Alex")  # opens Alex; the highlight stays where it was
    assert _highlighted(page) == ["Sam"] and _actions(page) == _all(True)
    page.delete(next(p.id for p in store.profiles.all() if p.name == "Sam"))
    assert _highlighted(page) == ["Alex"] and _actions(page) == _all(True)
    page.delete(next(p.id for p in store.profiles.all() if p.name == "Alex"))
    assert page.list.count() == 0 and _actions(page) == _all(False)


def test_un_highlighting_the_profile_disables_its_actions(qtbot, page):
    _create(qtbot, page, "Sam")
    _create(qtbot, page, "Alex")
    row = _row_of(page, "Sam")
    _ctrl_click(qtbot, page, row)  # a ctrl-click clears the highlight, the focus frame stays
    assert _highlighted(page) == []
    assert _actions(page) == _all(False)
    _ctrl_click(qtbot, page, row)
    assert _highlighted(page) == ["Sam"] and _actions(page) == _all(True)


def test_focusing_the_list_alone_enables_nothing(qtbot, store, current):
    # Profiles but no one open yet (several people, none used last): nothing is picked.
    store.profiles.create("Sam")
    store.profiles.create("Alex")
    page = ProfilesPage(store, current)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.list.setFocus()
    qtbot.waitUntil(page.list.hasFocus)
    assert _highlighted(page) == []
    assert _actions(page) == _all(False)
    page.list.setCurrentRow(_row_of(page, "Sam"))
    assert _highlighted(page) == ["Sam"] and _actions(page) == _all(True)


def test_deleting_someone_else_leaves_the_open_profile_picked(qtbot, page, store, current):
    _create(qtbot, page, "Sam")
    _create(qtbot, page, "Alex")  # Alex is open now
    page.list.setCurrentRow(_row_of(page, "Sam"))
    page.delete(next(p.id for p in store.profiles.all() if p.name == "Sam"))
    assert current.profile.name == "Alex"
    assert _highlighted(page) == ["Alex"] and _actions(page) == _all(True)


def test_delete_with_nothing_highlighted_deletes_no_one(qtbot, page, store, monkeypatch):
    _create(qtbot, page, "Sam")
    _ctrl_click(qtbot, page, _row_of(page, "Sam"))
    asked = []
    monkeypatch.setattr("ankle_gui.ui.profiles.profiles_page.QMessageBox.exec",
                        lambda box: asked.append(box.text()))
    page._delete_selected()  # as a shortcut or a stale click would
    assert asked == []
    assert [p.name for p in store.profiles.all()] == ["Sam"]


def _open_rename(qtbot, page, name: str):
    page.list.setCurrentRow(_row_of(page, name))
    qtbot.mouseClick(page.renameButton, Qt.MouseButton.LeftButton)
    dialog = page.findChild(QDialog, "renameProfileDialog")
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_taken_name_keeps_the_rename_dialog_open_with_its_message(qtbot, page, store):
    _create(qtbot, page, "Jo")
    _create(qtbot, page, "Sam")
    dialog = _open_rename(qtbot, page, "Jo")
    dialog.nameEdit.clear()
    qtbot.keyClicks(dialog.nameEdit, "SAM")
    qtbot.keyClick(dialog.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == "A profile called 'Sam' already exists."  # as stored
    assert dialog.nameEdit.text() == "SAM"                                   # kept as typed
    assert page.nameMessage.text() == ""                    # not under "New profile"
    assert sorted(p.name for p in store.profiles.all()) == ["Jo", "Sam"]

    qtbot.keyClicks(dialog.nameEdit, "ANTHA")                # typing clears the message
    assert dialog.message.text() == ""
    qtbot.keyClick(dialog.nameEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert sorted(p.name for p in store.profiles.all()) == ["SAMANTHA", "Sam"]
    assert _row_of(page, "SAMANTHA") >= 0


def test_cancel_renames_no_one(qtbot, page, store):
    _create(qtbot, page, "Jo")
    dialog = _open_rename(qtbot, page, "Jo")
    dialog.nameEdit.setText("Joanna")
    qtbot.keyClick(dialog.nameEdit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert [p.name for p in store.profiles.all()] == ["Jo"]


# --- the page writes through services/profiles.py, the clinic's door too (issue 25, 5) ----

def test_in_clinic_mode_a_profile_made_here_gets_its_code_and_its_audit_entry(qtbot, store):
    from helpers import FakeClock, clinic_with_patients

    clock = FakeClock()
    access, clinician, _ = clinic_with_patients(store, clock)
    page = ProfilesPage(store, CurrentProfile(store), access=lambda: clinician, clock=clock)
    qtbot.addWidget(page)
    _create(qtbot, page, "Cleo")
    cleo = store.profiles.by_name("Cleo")
    assert cleo is not None and len(access.code_of(clinician, cleo.id)) == 8
    assert [e.action for e in store.clinic.audit_entries()][:2] == ["patient_created",
                                                                    "code_changed"]


def test_for_a_patient_the_page_changes_nothing_and_says_why(qtbot, store, monkeypatch):
    from helpers import FakeClock, clinic_with_patients
    from PySide6.QtWidgets import QMessageBox

    clock = FakeClock()
    access, _, (ana, _ben) = clinic_with_patients(store, clock)
    patient = access.open_patient("10014821")
    page = ProfilesPage(store, CurrentProfile(store), access=lambda: patient, clock=clock)
    qtbot.addWidget(page)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    _create(qtbot, page, "Cleo")
    assert "Only the clinician" in page.nameMessage.text()
    page.list.setCurrentRow(_row_of(page, "Ana"))
    page.unitButton.click()
    assert told and "Only the clinician" in told[0]
    with pytest.raises(NotAllowed, match="Only the clinician"):
        page.rename(ana.id, "Anna")
    assert store.profiles.names() == ["Ana", "Ben"]
    assert store.profiles.get(ana.id).unit == ana.unit
