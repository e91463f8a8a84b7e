"""Help → About names the version, the data folder and the file the log is written to."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QLabel

from ankle_gui import __version__


def _open_about(main_window, qtbot):
    assert main_window.helpMenu.menuAction().isVisible()
    main_window.aboutAction.trigger()
    dialog = main_window.findChild(QDialog, "aboutDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_about_names_the_version_the_data_folder_and_the_log_file(main_window, qtbot,
                                                                  data_dir, tmp_path):
    log_file = tmp_path / "logs" / "ankle_gui.log"
    log_file.parent.mkdir()
    handler = logging.FileHandler(log_file, delay=True)
    logging.getLogger("ankle_gui").addHandler(handler)
    try:
        dialog = _open_about(main_window, qtbot)
        texts = " ".join(w.text() for w in dialog.findChildren(QLabel))
        assert __version__ in texts
        assert str(data_dir) in dialog.dataFolderLabel.text()
        assert str(log_file) in dialog.logFileLabel.text()
        assert dialog.logFileLabel.accessibleName()
        dialog.reject()
    finally:
        logging.getLogger("ankle_gui").removeHandler(handler)
        handler.close()


def test_without_a_log_file_about_says_so(main_window, qtbot, monkeypatch):
    logger = logging.getLogger("ankle_gui")   # an earlier test may have left the app's own
    monkeypatch.setattr(logger, "handlers", [h for h in logger.handlers
                                             if not isinstance(h, logging.FileHandler)])
    dialog = _open_about(main_window, qtbot)
    assert "no log file is kept" in dialog.logFileLabel.text()
    dialog.reject()
