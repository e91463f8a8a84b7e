"""Shared fixtures: every test gets its own data folder and its own database."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# No sound device on CI: keep Qt Multimedia from probing PulseAudio at length.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

import pytest
from helpers import SteadyClock

from ankle_gui.core.catalogue import Catalogue, load_catalogue
from ankle_gui.store import Store


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Nothing a test does may reach the real user's data folder or settings."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("ANKLE_GUI_DATA_DIR", raising=False)
    # An app a test starts in a child process speaks to no speech daemon and no sound server.
    monkeypatch.setenv("ANKLE_GUI_QUIET_CUES", "1")
    return home


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def wall():
    """The wall clock every test's store and window read: the suite's TODAY (helpers.py),
    moving on in real seconds. Not named ``clock``: the Train tests' monotonic clock and the
    clinic tests' hand-moved one have that name."""
    return SteadyClock()


@pytest.fixture
def store(data_dir, wall):
    s = Store.open(data_dir, clock=wall)
    yield s
    s.close()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def profile(store):
    return store.profiles.create("Sam")


@pytest.fixture
def cue_services():
    """Qt's `mock` speech engine and a silent sound sink: no test reaches a real speech
    daemon or audio server unless it asks for them (see test_real_audio.py)."""
    from ankle_gui.ui.train.cues import quiet_cues

    return quiet_cues()


@pytest.fixture
def main_window(qtbot, store, catalogue, cue_services, wall):
    from ankle_gui.ui.main_window import MainWindow

    window = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(autouse=True)
def no_app_log_outlives_its_test():
    """A test that starts the whole app starts its log too (into that test's HOME): close it
    with the test, so no later test writes there or finds its file handler."""
    yield
    import sys

    error_log = sys.modules.get("ankle_gui.app.error_log")
    if error_log is not None:
        error_log.stop_logging()


@pytest.fixture(autouse=True)
def no_window_outlives_its_test():
    """A test that starts the whole app (cli.main, run_gui) sets the app stylesheet on the
    one QApplication the suite shares, and leaves its window behind; every later widget
    would be styled under both. Put them away after each test, and clinic mode's app-wide
    "no native dialogs" with them."""
    yield
    import sys

    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or widgets.QApplication.instance() is None:
        return
    from PySide6.QtCore import QCoreApplication, QEvent, Qt

    app = widgets.QApplication.instance()
    if app.styleSheet():
        app.setStyleSheet("")
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
    dialogs = sys.modules.get("ankle_gui.ui.common.file_dialogs")
    if dialogs is not None:  # a test that ended with a patient at the screen
        dialogs.no_dialogs_for_patient(False)
    ours = [w for w in app.topLevelWidgets()
            if isinstance(w, widgets.QMainWindow | widgets.QDialog)
            or type(w).__module__.startswith("ankle_gui")]
    for window in ours:
        window.close()
        window.deleteLater()
    if ours:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
