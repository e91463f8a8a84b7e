"""The Progress page: knee-to-wall per side over time, the gap between sides, training
done against planned, and the buttons that print, save and exchange results.

pyqtgraph is never imported at start-up: once the window has been idle a while, the main
window asks ``warm_up`` to import it on a worker thread and then build the chart, so that
the first visit does not wait most of a second for it; a visit before that imports it then
(``_ensure_chart``). Data is asked of the store each time the page is shown; the store reads
it again only when something was written since.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.assessment import ASYMMETRY_FLAG_CM, real_change_words
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.handout import NoPlan
from ankle_gui.core.progress import ProgressView, build_view
from ankle_gui.core.progress_series import ProfileData
from ankle_gui.core.session_pain import pain_words
from ankle_gui.core.time_buckets import DAY_S, RANGES, range_start
from ankle_gui.core.units import Unit, format_length
from ankle_gui.printing.handout import HandoutError, save_handout_pdf
from ankle_gui.ui.common.widgets import label, set_role
from ankle_gui.ui.progress.handout import print_handout
from ankle_gui.ui.progress.pain_table import PainTable
from ankle_gui.ui.progress.progress_actions import ProgressActions, with_suffix
from ankle_gui.ui.progress.saved_bar import SavedBar
from ankle_gui.ui.progress.side_table import SideTable

DEFAULT_RANGE = "3m"
READ_AHEAD_S = 7 * DAY_S


log = logging.getLogger(__name__)


class ProgressPage(QWidget):
    testRequested = Signal()  # "measure first" on the empty page
    dataImported = Signal()   # a CSV import added results or profiles
    chartReady = Signal()     # the chart widget exists (warmed up, or built on first show)
    _chartsImported = Signal()  # from the worker thread: delivered on the page's own thread

    def __init__(self, store, current, catalogue=None, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, access=None):
        super().__init__(parent)
        self.setObjectName("pageProgress")
        self._clock = clock  # today, the end of every range
        self._store = store
        self._catalogue = catalogue
        self._current = current
        self._data: ProfileData | None = None
        self.view: ProgressView | None = None
        self.plot = None  # the pyqtgraph widget, made on first need
        self._warming = False
        self.charts_imported = False  # the worker thread's import has been heard of here
        self._may_build: Callable[[], bool] = lambda: True
        self._chartsImported.connect(self._charts_imported)
        # False when a patient has nowhere to save (clinic mode, no export folder set).
        self.exportsAllowed = True
        self.actions = ProgressActions(store, current, catalogue, self, clock=clock,
                                       access=access)
        self.actions.dataImported.connect(self._after_import)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        self.savedBar = SavedBar()
        self.actions.saved.connect(self.savedBar.show_saved)
        layout.addWidget(self.savedBar)
        self.body = QStackedWidget()
        self.body.addWidget(self._build_empty_state())
        self.body.addWidget(self._build_content())
        layout.addWidget(self.body, 1)

        current.changed.connect(self._profile_changed)

    # --- construction --------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(label("Progress", "title", wrap=False))
        row.addSpacing(16)
        self.rangeSelector = QComboBox()
        self.rangeSelector.setObjectName("rangeSelector")
        self.rangeSelector.setAccessibleName("Time range")
        for choice in RANGES:
            self.rangeSelector.addItem(choice.label, choice.key)
        self.rangeSelector.setCurrentIndex(self.rangeSelector.findData(DEFAULT_RANGE))
        self.rangeSelector.currentIndexChanged.connect(self._range_changed)
        row.addWidget(self.rangeSelector)
        row.addStretch(1)
        self.importCsvButton = QPushButton("Import CSV\u2026")
        self.importCsvButton.setObjectName("importCsvButton")
        self.importCsvButton.setToolTip("Add test results from a CSV file (all rows or none)")
        self.importCsvButton.clicked.connect(self.actions.import_csv)
        self.exportCsvButton = QPushButton("Export CSV")
        self.exportCsvButton.setObjectName("exportCsvButton")
        self.exportCsvButton.setToolTip("Save test results as a CSV file for a spreadsheet")
        menu = QMenu(self.exportCsvButton)
        self.exportThisProfileAction = menu.addAction("This profile\u2026")
        self.exportThisProfileAction.triggered.connect(lambda: self.actions.export_csv(False))
        self.exportAllProfilesAction = menu.addAction("All profiles\u2026")
        self.exportAllProfilesAction.triggered.connect(lambda: self.actions.export_csv(True))
        self.exportCsvButton.setMenu(menu)
        self.exportPdfButton = QPushButton("Save PDF\u2026")
        self.exportPdfButton.setObjectName("exportPdfButton")
        self.exportPdfButton.setToolTip("Save a one-page report of the chosen range as PDF")
        self.exportPdfButton.clicked.connect(self.actions.export_pdf)
        self.printButton = QPushButton("Print\u2026")
        self.printButton.setObjectName("printButton")
        self.printButton.setProperty("role", "primary")
        self.printButton.setToolTip("Preview and print a one-page report (Ctrl+P)")
        self.printButton.setShortcut("Ctrl+P")
        self.printButton.clicked.connect(self.actions.print_report)
        self.handoutButton = QPushButton("Handout")
        self.handoutButton.setObjectName("handoutButton")
        self.handoutButton.setToolTip("The current plan as a printed home programme: each "
                                      "drill with its figures, set-up, cues and a week of "
                                      "tick boxes")
        handout_menu = QMenu(self.handoutButton)
        self.printHandoutAction = handout_menu.addAction("Print handout\u2026")
        self.printHandoutAction.triggered.connect(self.print_handout)
        self.saveHandoutAction = handout_menu.addAction("Save handout as PDF\u2026")
        self.saveHandoutAction.triggered.connect(self.save_handout)
        self.handoutButton.setMenu(handout_menu)
        for button in (self.importCsvButton, self.exportCsvButton, self.handoutButton,
                       self.exportPdfButton, self.printButton):
            row.addWidget(button)
        return row

    def _build_empty_state(self) -> QWidget:
        box = QWidget()
        box.setObjectName("progressEmpty")
        column = QVBoxLayout(box)
        column.addStretch(1)
        self.emptyTitle = label("No knee-to-wall results yet", "subtitle")
        self.emptyText = label(
            "Measure both ankles on the Test page first. Each result appears here, left and "
            "right side by side, so you can see whether the drills are paying off. Results "
            "from a CSV file can be added with Import CSV.", "hint")
        self.emptyText.setMaximumWidth(620)
        self.goToTestButton = QPushButton("Go to the Test page")
        self.goToTestButton.setObjectName("goToTestButton")
        self.goToTestButton.setProperty("role", "primary")
        self.goToTestButton.clicked.connect(self.testRequested)
        column.addWidget(self.emptyTitle)
        column.addWidget(self.emptyText)
        column.addSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.goToTestButton)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
        return box

    def _build_content(self) -> QWidget:
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        self.chartHolder = QVBoxLayout()
        self.chartHolder.setContentsMargins(0, 0, 0, 0)
        row.addLayout(self.chartHolder, 1)
        side = QFrame()
        side.setObjectName("progressSummary")
        side.setFixedWidth(340)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label("Per side", "subtitle"))
        self.sideTable = SideTable()
        column.addWidget(self.sideTable)
        self.asymmetryLabel = label("", None)
        self.asymmetryLabel.setObjectName("asymmetryLabel")
        self.adherenceLabel = label("", None)
        self.adherenceLabel.setObjectName("adherenceLabel")
        self.rangeNote = label("", "hint")
        self.painLabel = label("", None)
        self.painLabel.setObjectName("painLabel")
        self.painTable = PainTable()
        column.addWidget(self.asymmetryLabel)
        column.addWidget(self.adherenceLabel)
        column.addWidget(self.painLabel)
        column.addWidget(self.painTable)
        column.addWidget(self.rangeNote)
        column.addStretch(1)
        row.addWidget(side)
        return content

    def _ensure_chart(self):
        if self.plot is None:
            from ankle_gui.ui.progress.charts import ProgressPlot  # first use: pyqtgraph loads now

            self.plot = ProgressPlot()
            self.chartHolder.addWidget(self.plot)
            self.chartReady.emit()
        return self.plot

    def warm_up(self, may_build: Callable[[], bool] = lambda: True) -> None:
        """Import pyqtgraph on a worker thread, then build the chart here, on the GUI
        thread, if ``may_build()`` still says so (not while a drill's timer runs: building
        takes a tenth of a second or more). The import holds the interpreter only in short
        turns, so the window stays responsive meanwhile."""
        if self.plot is not None or self._warming:
            return
        self._warming = True
        self._may_build = may_build
        # Not a daemon: Python tearing down a half-done import of numpy and pyqtgraph at
        # exit crashes the process (a quit or SIGTERM mid-import ended in SIGSEGV/SIGABRT).
        # Quitting waits for the import instead, a fraction of a second.
        threading.Thread(target=self._import_charts, name="import charts").start()

    def _import_charts(self) -> None:
        try:
            import ankle_gui.ui.progress.charts  # noqa: F401
        except Exception:  # the first visit imports it again and reports what goes wrong
            log.warning("Loading the charts in the background failed", exc_info=True)
            return
        with contextlib.suppress(RuntimeError):  # the page is gone: the app has quit
            self._chartsImported.emit()

    def _charts_imported(self) -> None:
        self.charts_imported = True
        if self.plot is None and self._may_build():
            self._ensure_chart()

    # --- data flow -----------------------------------------------------------------------

    @property
    def range_key(self) -> str:
        return self.rangeSelector.currentData()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.reload()

    def _profile_changed(self, _profile) -> None:
        self._data = None
        self.savedBar.hide()  # it names the last person's file: not for the next person
        if self.isVisible():
            self.reload()

    def _after_import(self) -> None:
        self.dataImported.emit()
        self.reload()

    def reload(self) -> None:
        """Ask the store for this profile's data in the range (they may have changed on
        another page; the store reads them again only if something was written)."""
        profile = self._current.profile
        self._data = (self._store.progress.load(profile.id, self._read_from())
                      if profile is not None else None)
        self.refresh()

    def _read_from(self) -> float | None:
        """From when the range needs data, with a week to spare: a page left open for days
        still finds its range in what was read."""
        start = range_start(self.range_key, self._clock().timestamp())
        return None if start is None else start - READ_AHEAD_S

    def _range_changed(self) -> None:
        self.actions.range_key = self.range_key
        if self._data is not None:
            self.reload()  # a longer range needs more than was read for a shorter one

    def refresh(self) -> None:
        profile = self._current.profile
        self.actions.range_key = self.range_key
        has_profile = profile is not None
        for button in (self.printButton, self.exportPdfButton, self.exportCsvButton):
            button.setEnabled(has_profile and self._data is not None and not self._data.empty)
        self.exportPdfButton.setEnabled(self.exportPdfButton.isEnabled() and self.exportsAllowed)
        # The handout needs a plan, not results: it says so itself when there is none.
        self.handoutButton.setEnabled(has_profile)
        if self._data is None or self._data.empty:
            self.view = None
            self.body.setCurrentIndex(0)
            return
        self.view = build_view(self._data, self.range_key, self._clock().timestamp())
        self.body.setCurrentIndex(1)
        self._ensure_chart().charts.update(self.view, profile.unit)
        self._show_summary(self.view, profile.unit)

    # --- the home-programme handout --------------------------------------------------------

    def _today(self):
        return self._clock().astimezone().date()

    def print_handout(self):
        """The handout's print preview (not modal to the event loop); None if no plan."""
        profile = self._current.profile
        if profile is None:
            return None
        try:
            dialog = print_handout(self._store, self._catalogue, profile.id, self,
                                   printed_on=self._today(),
                                   job_name=self.actions.job_name("Home programme"))
        except NoPlan as exc:
            self.actions.inform("No handout yet", str(exc))
            return None
        self.actions.print_through(dialog, "handout")
        return dialog

    def save_handout(self) -> None:
        profile = self._current.profile
        if profile is None:
            return
        if not self.actions.picks_files:
            path = self.actions.patient_file("Home programme", ".pdf")
        else:
            path = self.actions.ask_save_path(
                "Save the home-programme handout as PDF",
                self.actions.suggested_path("Home programme", profile.name, ".pdf"),
                "PDF files (*.pdf)")
        if path and not self.save_handout_to(path) and not self.actions.picks_files:
            Path(path).unlink(missing_ok=True)  # the empty file kept for it in the folder

    def save_handout_to(self, path) -> bool:
        profile = self._current.profile
        if profile is None:
            return False
        path = with_suffix(Path(path), ".pdf")
        if not self.actions.may_save_at(path):
            return False
        try:
            save_handout_pdf(self._store, self._catalogue, profile.id, path,
                             printed_on=self._today())
        except NoPlan as exc:
            self.actions.inform("No handout yet", f"{exc} Nothing was saved.")
            return False
        except (HandoutError, OSError) as exc:
            self.actions.inform("The handout was not saved", str(exc), error=True)
            return False
        self.actions.saved.emit("Handout", path)
        self.actions.exported.emit("report", profile.id,
                                   self.actions.saved_detail("home-programme handout", path))
        return True

    def _show_summary(self, view: ProgressView, unit: Unit) -> None:
        self.sideTable.show_summaries(view.summaries, unit)
        point = view.latest_asymmetry
        flag = format_length(ASYMMETRY_FLAG_CM, unit)
        if point is None:
            self.asymmetryLabel.setText("Left\u2013right gap: measure both sides on the same "
                                        "day to see it.")
            set_role(self.asymmetryLabel, "hint")
        else:
            gap = format_length(point.difference_cm, unit)
            tighter = "left" if point.left_cm < point.right_cm else "right"
            if point.flagged:
                self.asymmetryLabel.setText(
                    f"Latest left\u2013right gap: {gap}, at or over the {flag} flag. "
                    f"The {tighter} side is tighter.")
                set_role(self.asymmetryLabel, "error")
            else:
                self.asymmetryLabel.setText(f"Latest left\u2013right gap: {gap}, under the "
                                            f"{flag} flag.")
                set_role(self.asymmetryLabel, "ok")
        self.adherenceLabel.setText(view.adherence_words)
        sessions = view.ended
        self.painLabel.setText(pain_words(sessions))
        self.painTable.show_sessions(sessions)
        hint = (real_change_words(unit) + " Retests right after a session are drawn as "
                "open markers but not counted here: they are taken warm.")
        if view.empty:
            hint = "No results in this range; choose a longer one. " + hint
        elif view.aggregated:
            hint = f"The chart shows {view.aggregated} to stay readable. " + hint
        self.rangeNote.setText(hint)
