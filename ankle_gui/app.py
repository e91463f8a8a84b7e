"""Start the desktop app: data folder, database, window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ankle_gui import APP_NAME, ORG_NAME
from ankle_gui.core.catalogue import CatalogueError, load_catalogue
from ankle_gui.store import Store, StoreError

DATA_DIR_ENV = "ANKLE_GUI_DATA_DIR"


def default_data_dir() -> Path:
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(location)


def resolve_data_dir(cli_value: str | None) -> Path:
    """--data-dir wins, then the environment variable, then the platform's usual place."""
    chosen = cli_value or os.environ.get(DATA_DIR_ENV)
    return Path(chosen).expanduser() if chosen else default_data_dir()


def ensure_data_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def open_store(data_dir: Path) -> Store:
    return Store.open(ensure_data_dir(data_dir))


def run_gui(data_dir: Path, *, demo: bool = False, quit_after_ms: int | None = None) -> int:
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ankle_gui.ui.style import APP_STYLESHEET

    app.setStyleSheet(APP_STYLESHEET)
    try:
        catalogue = load_catalogue()
        store = open_store(data_dir)
    except (StoreError, CatalogueError, OSError) as exc:
        QMessageBox.critical(None, "ankle_gui cannot start", str(exc))
        print(f"ankle_gui: {exc}", file=sys.stderr)
        return 2
    if demo:
        from ankle_gui.store.demo import add_demo_profile

        add_demo_profile(store, catalogue)
    from ankle_gui.ui.main_window import MainWindow

    window = MainWindow(store, catalogue)
    window.show()
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, app.quit)
    try:
        return app.exec()
    finally:
        store.close()
