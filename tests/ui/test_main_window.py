"""The window a newcomer sees: first profile, the picker, every page by mouse and key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from ankle_gui.ui.main_window import MainWindow
from ankle_gui.ui.pages import PAGES


def test_first_start_asks_for_a_profile_and_locks_data_pages(main_window, qtbot):
    assert main_window.current_page_name() == "Profiles"
    assert main_window.findChild(QLabel, "currentProfileLabel").text() == "No profile yet"
    main_window.show_page("Test")
    assert main_window.current_page_name() == "Profiles"  # Test needs a profile first
    main_window.show_page("Drills")
    assert main_window.current_page_name() == "Drills"  # the catalogue needs none


def test_create_a_profile_by_typing(main_window, qtbot, store):
    page = main_window.profilesPage
    main_window.show_page("Profiles")
    qtbot.keyClicks(page.nameEdit, "Maria")
    qtbot.mouseClick(page.createButton, Qt.MouseButton.LeftButton)
    assert [p.name for p in store.profiles.all()] == ["Maria"]
    assert main_window.current.profile.name == "Maria"
    assert "Maria" in main_window.findChild(QLabel, "currentProfileLabel").text()
    assert main_window.profileBar.picker.currentText() == "Maria"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 150, "tab\there", "Maria"])
def test_bad_names_get_a_message_and_change_nothing(main_window, qtbot, store, bad):
    store.profiles.create("Maria")
    main_window.current.restore()
    page = main_window.profilesPage
    page.nameEdit.setText(bad)
    qtbot.mouseClick(page.createButton, Qt.MouseButton.LeftButton)
    assert page.nameMessage.text()  # a clear message…
    assert [p.name for p in store.profiles.all()] == ["Maria"]  # …and nothing changed
    assert page.nameEdit.text() == bad  # what they typed stays, to be corrected


def test_switch_profiles_with_the_picker(main_window, store, qtbot):
    store.profiles.create("Anna")
    ben = store.profiles.create("Ben")
    main_window.profilesPage.profilesChanged.emit()
    picker = main_window.profileBar.picker
    picker.setCurrentIndex(picker.findText("Ben"))
    picker.activated.emit(picker.currentIndex())
    assert main_window.current.id == ben.id
    assert "Ben" in main_window.windowTitle()


def test_rename_updates_the_label_everywhere(main_window, store):
    p = store.profiles.create("Anna")
    main_window.current.set(p)
    assert main_window.profilesPage.rename(p.id, "Anna Smith")
    assert main_window.findChild(QLabel, "currentProfileLabel").text().endswith("Anna Smith")
    assert main_window.profileBar.picker.currentText() == "Anna Smith"


def test_delete_asks_first_and_warns_about_the_data(main_window, store, qtbot, monkeypatch):
    p = store.profiles.create("Anna")
    main_window.current.set(p)
    page = main_window.profilesPage
    page.list.setCurrentRow(0)
    seen = {}

    def refuse(box):
        seen["text"] = box.informativeText()
        box.button(QMessageBox.StandardButton.Cancel).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    page.deleteButton.click()
    assert "all of Anna's data" in seen["text"]
    assert store.profiles.count() == 1

    def accept(box):
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", accept)
    page.deleteButton.click()
    assert store.profiles.count() == 0
    assert main_window.current.profile is None
    assert main_window.current_page_name() == "Profiles"


def test_every_page_by_keyboard(main_window, store, qtbot):
    main_window.current.set(store.profiles.create("Anna"))
    for number, name in enumerate(PAGES, start=1):
        qtbot.keyClick(main_window, Qt.Key(Qt.Key.Key_0 + number),
                       Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_page_name() == name


def test_object_names_for_outside_tools(main_window, qtbot):
    from PySide6.QtWidgets import QWidget

    # Pages not yet shown are built in the background soon after start-up.
    qtbot.waitUntil(lambda: all(main_window.built_page(name) for name in PAGES),
                    timeout=30_000)
    for name in ("profilePicker", "profileNameEdit", "createProfileButton",
                 "currentProfileLabel", "pageTest", "pageTrain", "pageProgress",
                 "pageDrills", "drillList"):
        assert main_window.findChild(QWidget, name) is not None, name


def test_last_profile_is_remembered(wall, qtbot, cue_services, store, catalogue):
    store.profiles.create("Anna")
    ben = store.profiles.create("Ben")
    first = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(first)
    first.current.set(ben)
    second = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(second)
    assert second.current.id == ben.id


def test_landing_page_is_test_until_the_first_measurement(wall, qtbot, cue_services, store,
                                                          catalogue):
    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.records import Measurement, MeasurementKind, Side

    p = store.profiles.create("Anna")
    first = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(first)
    assert first.current_page_name() == "Test"
    store.results.add(p.id, [Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT,
                                        to_utc_iso(wall()), 9.0)])
    later = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(later)
    assert later.current_page_name() == "Train"
