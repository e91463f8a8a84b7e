"""The report's charts, kept off screen between reports, never keep the app running."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ankle_gui.core.progress import build_view
from ankle_gui.core.progress_series import ProfileData
from ankle_gui.core.units import Unit


def test_closing_the_window_after_a_report_ends_the_app(qapp, data_dir, wall):
    from ankle_gui.app.start import run_gui
    from ankle_gui.ui.progress.charts import render_chart_image

    view = build_view(ProfileData(), "all", wall().timestamp())
    render_chart_image(view, Unit.CM, 800, 400)
    stuck = []

    def still_running():  # only if closing the window did not end the app
        stuck.append(True)
        QApplication.quit()

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(still_running)
    guard.start(10_000)
    assert run_gui(data_dir, quit_after_ms=50, clock=wall) == 0
    guard.stop()
    assert not stuck, "the app went on running with no window after a report was drawn"
