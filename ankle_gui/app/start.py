"""Start the desktop app: data folder, database, window."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox

from ankle_gui import APP_ID
from ankle_gui.app.data_folder import set_app_names
from ankle_gui.app.error_log import log_unexpected, on_gui_thread_only, start_logging
from ankle_gui.app.safe_start import (
    after_window_shown,
    claim_data_folder,
    open_data,
    restrict_new_files,
)
from ankle_gui.app.scripted import ScriptedSession
from ankle_gui.app.smoke import SmokeCheck
from ankle_gui.app.system_quit import SystemQuit
from ankle_gui.core.catalogue import CatalogueError, load_catalogue
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.store.demo import add_demo_profile
from ankle_gui.ui.common.app_icon import app_icon
from ankle_gui.ui.common.style import APP_STYLESHEET
from ankle_gui.ui.common.unexpected_errors import UnexpectedErrors
from ankle_gui.ui.data.recovery_dialog import ask_with_dialog
from ankle_gui.ui.main_window import MainWindow
from ankle_gui.ui.train.cues import quiet_cues, system_cues

QUIET_CUES_ENV = "ANKLE_GUI_QUIET_CUES"   # set by the tests for every app they start


def ensure_data_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def show_app_identity(app: QApplication) -> None:
    """The icon on every window (the window manager and the task bar pick it up when set)."""
    app.setWindowIcon(app_icon())


def run_gui(data_dir: Path, *, demo: bool = False, quit_after_ms: int | None = None,
            scripted_log: Path | None = None, smoke_check: Path | None = None,
            clock: Clock = utc_now) -> int:
    """Run the app until its window closes."""
    set_app_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyleSheet(APP_STYLESHEET)
    # Before any window exists: Wayland takes the app's ID (and so its icon) from it.
    app.setDesktopFileName(APP_ID)
    show_app_identity(app)
    # From here on, SIGTERM, SIGHUP, Ctrl+C and logging out end the app as Quit would
    # (app/system_quit.py), once the event loop (a dialog's, or the window's) reads them.
    shown: list[QMainWindow] = []

    def quit_for_the_system():
        print("ankle_gui: asked by the system to end; closing as Quit would.", file=sys.stderr,
              flush=True)
        for window in shown:
            window.hide()  # nobody can answer a question now: hidden, the window asks none
        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()  # a question open (at start-up, before the window): "Quit"
        app.quit()

    system_quit = SystemQuit(app, quit_for_the_system)
    try:
        return _open_and_run(app, data_dir, system_quit, shown, demo=demo,
                             quit_after_ms=quit_after_ms, scripted_log=scripted_log,
                             smoke_check=smoke_check, clock=clock)
    finally:
        system_quit.uninstall()


def _open_and_run(app: QApplication, data_dir: Path, system_quit, shown: list[QMainWindow], *,
                  demo: bool, quit_after_ms: int | None, scripted_log: Path | None,
                  smoke_check: Path | None, clock: Clock) -> int:
    """run_gui's work once the app exists and listens for the system's quit; ``shown``
    gets the window, for that quit to close it."""
    restrict_new_files()
    try:
        catalogue = load_catalogue()
        ensure_data_dir(data_dir)
    except (CatalogueError, OSError) as exc:
        text = str(exc)
        if isinstance(exc, OSError):  # not a bare "[Errno 13] Permission denied: '//.local'"
            text = (f"The data folder {data_dir} could not be made "
                    f"({exc.strerror or exc}). Start ankle_gui with --data-dir pointing at "
                    "a folder you can write to.")
        if quit_after_ms is not None:  # scripted runs: never wait for a click
            QTimer.singleShot(quit_after_ms, QApplication.closeAllWindows)
        QMessageBox.critical(None, "ankle_gui cannot start", text)
        print(f"ankle_gui: {text}", file=sys.stderr)
        return 2
    # One copy per data folder; a second start wakes the first and leaves.
    instance = claim_data_folder(data_dir, ask_with_dialog, close_after_ms=quit_after_ms)
    if instance is None:
        return 0
    opened = open_data(data_dir, ask_with_dialog, clock)  # explains and recovers a damaged file
    if opened is None:
        instance.release()
        return 2
    store = opened.store
    if system_quit.asked:  # during start-up: end before there is a window to close
        store.close()
        instance.release()
        return 0
    # Warnings and errors to the log file, with every profile's name kept out of it.
    start_logging(on_gui_thread_only(store.profiles.names))
    previous_qt_handler = qInstallMessageHandler(_qt_message_to_log)
    if demo:
        add_demo_profile(store, catalogue, today=clock().astimezone())
    # A scripted run (crash harness) has nobody to hear it, and an app a test starts must not
    # start speech daemons on the test machine: both get the mock voice and a silent sink.
    quiet = scripted_log is not None or bool(os.environ.get(QUIET_CUES_ENV))
    window = MainWindow(store, catalogue, cue_services=quiet_cues() if quiet else system_cues(),
                        clock=clock)
    shown.append(window)
    window.show()
    errors = UnexpectedErrors(window, log_unexpected)
    errors.install()
    after_window_shown(window, opened, instance,
                       offer_unfinished=scripted_log is None and smoke_check is None)
    if scripted_log is not None:  # crash harness: a scripted run in the real window
        ScriptedSession(window, scripted_log).start()
    if smoke_check is not None:  # packaging/build_frozen.py: sound, voice and print
        SmokeCheck(window, smoke_check).start()
    if quit_after_ms is not None:  # scripted runs and bench/startup.py
        def close_as_a_user_would():
            # The monotonic clock is shared by every process: the bench reads this line to
            # time launch-to-idle, apart from the exit that follows.
            print(f"ankle_gui: closing at {time.perf_counter():.6f}", flush=True)
            window.close()

        QTimer.singleShot(quit_after_ms, close_as_a_user_would)
    try:
        return app.exec()
    finally:
        errors.uninstall()
        # Close before the store: a drill still running keeps its sets and is marked
        # interrupted, however the loop ended. Closing must not ask for a second quit:
        # with no loop left to end, that quit would end the next one at once.
        quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        window.close()
        app.setQuitOnLastWindowClosed(quit_on_close)
        qInstallMessageHandler(previous_qt_handler)
        store.close()
        instance.release()


def _qt_message_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go where ours go (and to stderr, as Qt prints them)."""
    print(message, file=sys.stderr)
    if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        logging.getLogger("ankle_gui.qt").warning("%s", message)
