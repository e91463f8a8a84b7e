"""Where the window opens: fitted to the screen the first time, then where it was left."""

from __future__ import annotations

from ankle_gui.services.preferences import GEOMETRY_KEY
from ankle_gui.ui.main_window import MainWindow
from ankle_gui.ui.train.cues import quiet_cues


def open_window(qtbot, store, catalogue) -> MainWindow:
    window = MainWindow(store, catalogue, cue_services=quiet_cues())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_first_window_fits_the_screen(qtbot, store, catalogue):
    window = open_window(qtbot, store, catalogue)
    room = window.screen().availableGeometry()
    assert room.contains(window.geometry())
    # The offscreen screen is smaller than the preferred 1280×800: use all of it.
    if room.width() < 1280 or room.height() < 800:
        assert window.isMaximized()


def test_a_normal_window_comes_back_where_it_was_left(qtbot, store, catalogue):
    window = open_window(qtbot, store, catalogue)
    window.showNormal()
    window.setGeometry(40, 30, 700, 500)
    qtbot.waitUntil(lambda: window.geometry().width() == 700)
    window.close()
    assert store.settings.get(GEOMETRY_KEY)
    again = open_window(qtbot, store, catalogue)
    assert not again.isMaximized()
    assert (again.geometry().width(), again.geometry().height()) == (700, 500)


def test_a_maximised_window_comes_back_maximised(qtbot, store, catalogue):
    window = open_window(qtbot, store, catalogue)
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.close()
    again = open_window(qtbot, store, catalogue)
    assert again.isMaximized()


def test_closing_in_full_screen_keeps_the_placement_from_before(qtbot, store, catalogue):
    window = open_window(qtbot, store, catalogue)
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.drill.full_screen(True)
    qtbot.waitUntil(window.isFullScreen)
    window.close()
    again = open_window(qtbot, store, catalogue)
    assert again.isMaximized() and not again.isFullScreen()


def test_leaving_full_screen_goes_back_to_maximised(qtbot, store, catalogue):
    window = open_window(qtbot, store, catalogue)
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.drill.full_screen(True)
    qtbot.waitUntil(window.isFullScreen)
    window.drill.full_screen(False)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.isMaximized() and window.navigation.isVisible()


def test_a_damaged_saved_placement_falls_back_to_fitting_the_screen(qtbot, store, catalogue):
    store.settings.set(GEOMETRY_KEY, "bm90IGEgZ2VvbWV0cnk=")   # valid base64, not geometry
    window = open_window(qtbot, store, catalogue)
    assert window.screen().availableGeometry().contains(window.geometry())
