"""The window notices what other programs (the clinic commands) change in its database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from ankle_gui.core.csv_format import COLUMNS, parse_csv
from ankle_gui.store import Store
from ankle_gui.store.exchange import import_csv


@pytest.fixture
def second(data_dir):
    """Another connection to the same file, as a clinic command running beside the app."""
    other = Store.open(data_dir)
    yield other
    other.close()


def _picker_names(window) -> list[str]:
    picker = window.profileBar.picker
    return [picker.itemText(i) for i in range(picker.count())]


def _profiles_page_names(window) -> list[str]:
    page = window.profilesPage
    return [page.list.item(i).text().split("   ")[0] for i in range(page.list.count())]


def _import_for(store, *names: str) -> None:
    rows = [f"{name},2025-05-0{n + 1}T09:00:00+02:00,knee_to_wall,left,10,,,,baseline,"
            for n, name in enumerate(names)]
    parsed = parse_csv(("\r\n".join([",".join(COLUMNS), *rows]) + "\r\n").encode())
    import_csv(store, parsed, create_profiles=True)


def test_data_version_moves_only_for_other_connections(store, second):
    before = store.data_version()
    store.profiles.create("Own")
    assert store.data_version() == before
    second.profiles.create("Other")
    assert store.data_version() != before


def test_a_page_shown_after_an_outside_import_lists_the_new_profile(profile, main_window,
                                                                    second):
    main_window.show_page("Profiles")
    main_window.show_page("Drills")
    main_window.outsideChanges.stop()  # only the page change may notice it here
    _import_for(second, "Noor")
    main_window.show_page("Profiles")
    assert _profiles_page_names(main_window) == ["Noor", "Sam"]
    assert _picker_names(main_window) == ["Noor", "Sam"]
    assert main_window.current.profile.name == "Sam"  # still the person who was here


def test_the_window_gaining_focus_notices_it(profile, main_window, second):
    main_window.outsideChanges.stop()
    _import_for(second, "Yusuf")
    assert _picker_names(main_window) == ["Sam"]
    QApplication.sendEvent(main_window, QEvent(QEvent.Type.ActivationChange))
    assert _picker_names(main_window) == ["Sam", "Yusuf"]


@pytest.mark.slow
def test_a_window_left_open_catches_up_with_a_cli_import(profile, main_window, data_dir,
                                                         tmp_path, qtbot):
    main_window.show_page("Profiles")
    source = tmp_path / "new.csv"
    source.write_text(",".join(COLUMNS) + "\r\nAmira,2025-05-01T09:00:00+02:00,knee_to_wall,"
                      "left,12.5,,,,baseline,\r\n", encoding="utf-8-sig")
    done = subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", data_dir, "import",
                           "--csv", source, "--create-profiles"], capture_output=True,
                          text=True, timeout=90, cwd=os.environ["HOME"])
    assert done.returncode == 0, done.stderr
    # Nothing is clicked: the window in front catches up on its own.
    qtbot.waitUntil(lambda: "Amira" in _profiles_page_names(main_window), timeout=10_000)
    assert _picker_names(main_window) == ["Amira", "Sam"]


def test_the_first_profile_made_outside_becomes_the_current_one(wall, qtbot, store, catalogue,
                                                                second, cue_services):
    from ankle_gui.ui.main_window import MainWindow

    window = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.outsideChanges.stop()
    assert window.current.profile is None
    _import_for(second, "Noor")
    window.show_page("Drills")
    assert window.current.profile.name == "Noor"
    assert window.windowTitle().endswith("Noor")


def test_a_profile_renamed_outside_is_shown_with_its_new_name(profile, main_window, second):
    main_window.outsideChanges.stop()
    second.profiles.rename(profile.id, "Samira")
    main_window.show_page("Drills")
    assert main_window.profileBar.currentLabel.text() == "Profile: Samira"
    assert main_window.current.profile.name == "Samira"


def test_the_switcher_stays_locked_mid_drill_when_the_list_is_refilled(profile, main_window,
                                                                       second):
    main_window.outsideChanges.stop()
    main_window.trainPage.runningChanged.emit(True)  # as the player does when a drill starts
    assert not main_window.profileBar.picker.isEnabled()
    _import_for(second, "Noor")
    assert main_window.outsideChanges.check()
    assert _picker_names(main_window) == ["Noor", "Sam"]
    assert not main_window.profileBar.picker.isEnabled()
    main_window.trainPage.runningChanged.emit(False)
    assert main_window.profileBar.picker.isEnabled()
