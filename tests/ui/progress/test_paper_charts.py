"""Paper leaves nothing behind that keeps the app running, and draws what the screen draws."""

from __future__ import annotations

from paper_charts import paint_paper_charts
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ankle_gui.core.progress import build_view
from ankle_gui.core.progress_series import ProfileData
from ankle_gui.core.units import Unit
from ankle_gui.printing.palette import RETEST_SYMBOLS, SIDE_COLOURS, SYMBOLS


def test_closing_the_window_after_a_report_ends_the_app(qapp, data_dir, wall):
    from ankle_gui.app.start import run_gui

    view = build_view(ProfileData(), "all", wall().timestamp())
    paint_paper_charts(view, Unit.CM, 800, 400)
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


def test_paper_and_screen_draw_with_one_palette():
    from ankle_gui.ui.progress.chart_style import SCREEN

    assert SCREEN.line == SCREEN.fill == SIDE_COLOURS
    assert SCREEN.symbol == SYMBOLS and SCREEN.post_symbol == RETEST_SYMBOLS
