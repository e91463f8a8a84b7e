"""An error raised in a click or a timer is said in the window, logged, and survived."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ankle_gui.store import Store, StoreError, WriteRefusedError
from ankle_gui.ui.common.unexpected_errors import UnexpectedErrors, explain

pytestmark = pytest.mark.qt_no_exception_capture  # these tests raise in slots on purpose


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "unexpectedErrorBox"
            and w.isVisible()]


@pytest.fixture
def reporter(main_window, tmp_path):
    logged: list[BaseException] = []

    def log(exc: BaseException) -> Path:
        logged.append(exc)
        return tmp_path / "errors.log"

    errors = UnexpectedErrors(main_window, log)
    before = sys.excepthook
    errors.install()
    yield errors, logged
    errors.uninstall()
    assert sys.excepthook is before
    for box in _boxes():
        box.close()


def _raise_in_a_slot(exc: BaseException) -> None:
    def slot():
        raise exc
    QTimer.singleShot(0, slot)


def test_a_database_failure_in_a_click_is_said_in_the_window_and_the_app_goes_on(
        qtbot, main_window, reporter):
    errors, logged = reporter
    _raise_in_a_slot(StoreError("disk I/O error"))
    qtbot.waitUntil(lambda: len(_boxes()) == 1, timeout=3000)
    box = _boxes()[0]
    assert box.windowTitle() == "The database did not answer"
    assert "disk I/O error" in box.text() and "Backups" in box.text()
    assert "errors.log" in box.text()  # where the details went
    assert [str(e) for e in logged] == ["disk I/O error"]
    assert main_window.isVisible()
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not _boxes(), timeout=3000)
    # The next one is shown again.
    _raise_in_a_slot(ValueError("a bug nobody foresaw"))
    qtbot.waitUntil(lambda: len(_boxes()) == 1, timeout=3000)
    assert "ValueError: a bug nobody foresaw" in _boxes()[0].text()


def test_errors_in_a_burst_give_one_box_and_are_all_logged(qtbot, reporter):
    errors, logged = reporter
    for n in range(3):
        _raise_in_a_slot(StoreError(f"locked {n}"))
    qtbot.waitUntil(lambda: len(logged) == 3, timeout=3000)
    qtbot.waitUntil(lambda: len(_boxes()) == 1, timeout=3000)
    assert len(errors.shown) == 1 and "locked 0" in errors.shown[0]


def test_ctrl_c_is_not_reported_as_an_error(reporter):
    errors, logged = reporter
    seen = []
    previous, errors._previous = errors._previous, lambda *args: seen.append(args[0])
    try:
        errors.handle(KeyboardInterrupt, KeyboardInterrupt(), None)
    finally:
        errors._previous = previous
    assert seen == [KeyboardInterrupt] and logged == [] and errors.shown == []


def test_each_kind_of_failure_has_its_own_words():
    title, text = explain(WriteRefusedError("database is locked"), None)
    assert title == "Not saved" and "none of it was kept" in text and "locked" in text
    title, text = explain(StoreError("disk I/O error"), Path("/x/errors.log"))
    assert "could not use its database" in text and "/x/errors.log" in text
    title, text = explain(KeyError("drill"), None)
    assert title == "Something went wrong" and "KeyError" in text and "saved in" not in text


RAISE_AFTER_THE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ankle_gui.cli import main as cli
from ankle_gui.store import StoreError
from ankle_gui.ui import main_window

shown = main_window.MainWindow.show
def show(self):
    shown(self)
    def fail():
        raise StoreError("database disk image is malformed")
    QTimer.singleShot(50, fail)
    def report():
        boxes = [w.windowTitle() for w in QApplication.topLevelWidgets()
                 if w.objectName() == "unexpectedErrorBox" and w.isVisible()]
        print("boxes:", boxes, "window:", self.isVisible(), flush=True)
    QTimer.singleShot(400, report)
main_window.MainWindow.show = show
sys.exit(cli.main(["--data-dir", sys.argv[1], "--quit-after", "700"]))
"""


@pytest.mark.slow
def test_the_app_reports_an_error_in_its_window_and_logs_it(data_dir, tmp_path):
    Store.open(data_dir).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "st")}
    out = subprocess.run([sys.executable, "-c", RAISE_AFTER_THE_WINDOW, str(data_dir)],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    assert "boxes: ['The database did not answer'] window: True" in out.stdout
    log = (tmp_path / "st" / "ankle_gui" / "ankle_gui.log").read_text()
    assert "database disk image is malformed" in log
