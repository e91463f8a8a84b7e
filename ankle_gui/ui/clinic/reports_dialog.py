"""Reports and handouts for several patients at once: for each one ticked, the Progress
page's one-page report, the home-programme handout of their current plan, or both, printed
in one go or saved as PDFs (one a document) into a folder.

A patient with no plan gets no handout: they are named in the message, nothing is written
for them, and the others are done. Each document done is in the audit log as a ``report``,
a handout with the detail the ``handout`` command gives it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clock import utc_now
from ankle_gui.core.file_names import file_name
from ankle_gui.core.handout import NoPlan
from ankle_gui.core.profile import Profile
from ankle_gui.printing.handout import HandoutRenderer, write_handout_pdf
from ankle_gui.printing.paper import MARGIN_MM, ReportError
from ankle_gui.printing.report import ReportRenderer, write_pdf
from ankle_gui.services.file_places import SaveRefused, check_save_path, data_folder
from ankle_gui.services.patient_access import Access, PatientAccess, require
from ankle_gui.services.reports import handout_content, report_content
from ankle_gui.store import Store
from ankle_gui.ui.common import file_dialogs
from ankle_gui.ui.common.printing import ask_printer
from ankle_gui.ui.common.widgets import label, set_role
from ankle_gui.ui.progress.progress_actions import start_folder

REPORT, HANDOUT, BOTH = "report", "handout", "both"
CHOICES = ((REPORT, "Progress report", "whatReportButton"),
           (HANDOUT, "Home-programme handout", "whatHandoutButton"),
           (BOTH, "Both", "whatBothButton"))
# The file names: the report's as before, the handout's as the Progress page suggests it.
FILE_TITLES = {REPORT: "Ankle report", HANDOUT: "Home programme"}
# The audit log's actions are fixed by its schema: a handout is a report, told apart by its
# detail, the one ``ankle-gui handout`` writes (cli/handout.py).
HANDOUT_DETAIL = "home-programme handout"
NO_PLAN = "No plan yet, so no handout for: {names}."


def _count(n: int, what: str) -> str:
    return f"{n} {what}(s)"


class ReportsDialog(QDialog):
    def __init__(self, store: Store, catalogue: Catalogue, access: Access,
                 ticked: set[int] | None = None, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = utc_now):
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        self.setWindowTitle("Reports and handouts for several patients")
        self.resize(520, 560)
        require(access, access.permissions.can_export_all, "print reports of several patients")
        self._store, self._catalogue, self._access = store, catalogue, access
        self._log = PatientAccess(store, clock)
        self._clock = clock

        self.patientList = QListWidget()
        self.patientList.setObjectName("reportPatientList")
        for profile in store.profiles.all():
            item = QListWidgetItem(profile.name)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if profile.id in (ticked or set())
                               else Qt.CheckState.Unchecked)
            self.patientList.addItem(item)
        self.whatButtons = QButtonGroup(self)
        what = QHBoxLayout()
        what.addWidget(label("For each one:", wrap=False))
        for kind, text, name in CHOICES:
            button = QRadioButton(text)
            button.setObjectName(name)
            button.setProperty("kind", kind)
            button.setChecked(kind == REPORT)
            self.whatButtons.addButton(button)
            what.addWidget(button)
        what.addStretch(1)
        self.allButton = QPushButton("Tick all")
        self.noneButton = QPushButton("Tick none")
        self.printButton = QPushButton("Print…")
        self.printButton.setObjectName("printReportsButton")
        self.saveButton = QPushButton("Save PDFs to a folder…")
        self.saveButton.setObjectName("saveReportsButton")
        self.saveButton.setProperty("role", "primary")
        self.closeButton = QPushButton("Close")
        self.message = label("", "hint")
        self.message.setObjectName("reportsMessage")

        ticks = QHBoxLayout()
        ticks.addWidget(self.allButton)
        ticks.addWidget(self.noneButton)
        ticks.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.printButton)
        actions.addWidget(self.saveButton)
        actions.addStretch(1)
        actions.addWidget(self.closeButton)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Tick the patients, then choose what each one gets: the "
                               "one-page progress report (as on their Progress page, over all "
                               "their results), the home-programme handout of their current "
                               "plan, or both. A patient with no plan yet gets no handout.",
                               "hint"))
        layout.addWidget(self.patientList, 1)
        layout.addLayout(ticks)
        layout.addLayout(what)
        layout.addWidget(self.message)
        layout.addLayout(actions)

        self.allButton.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        self.noneButton.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        self.printButton.clicked.connect(self._print_clicked)
        self.saveButton.clicked.connect(self._save_clicked)
        self.closeButton.clicked.connect(self.accept)
        self.patientList.itemChanged.connect(lambda _item: self._update_buttons())
        self._update_buttons()

    # --- which patients -----------------------------------------------------------------------
    def chosen(self) -> list[Profile]:
        ids = [self.patientList.item(n).data(Qt.ItemDataRole.UserRole)
               for n in range(self.patientList.count())
               if self.patientList.item(n).checkState() == Qt.CheckState.Checked]
        return [self._store.profiles.get(pid) for pid in ids]

    def _tick_all(self, state: Qt.CheckState) -> None:
        for n in range(self.patientList.count()):
            self.patientList.item(n).setCheckState(state)

    def what(self) -> str:
        """REPORT, HANDOUT or BOTH: what each ticked patient gets."""
        return self.whatButtons.checkedButton().property("kind")

    def set_what(self, kind: str) -> None:
        for button in self.whatButtons.buttons():
            button.setChecked(button.property("kind") == kind)

    def _kinds(self) -> tuple[str, ...]:
        kind = self.what()
        return (REPORT, HANDOUT) if kind == BOTH else (kind,)

    def _update_buttons(self) -> None:
        some = any(self.patientList.item(n).checkState() == Qt.CheckState.Checked
                   for n in range(self.patientList.count()))
        self.printButton.setEnabled(some)
        self.saveButton.setEnabled(some)

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setText(text)
        set_role(self.message, "ok" if ok else "error")

    def _content(self, profile: Profile):
        return report_content(self._store, profile, self._catalogue, range_key="all",
                              now=self._clock().timestamp())

    def _handout(self, profile: Profile, day: date):
        """The patient's handout; NoPlan when they have none."""
        return handout_content(self._store, self._catalogue, profile.id, printed_on=day)

    def _done(self, verb: str, counts: dict[str, int], where: str, no_plan: list[str],
              nothing: str) -> None:
        """The result: what was done, then who was skipped for having no plan."""
        done = [_count(counts[kind], kind) for kind in self._kinds()]
        lines = [f"{verb} {' and '.join(done)}{where}." if any(counts.values()) else nothing]
        if no_plan:
            lines.append(NO_PLAN.format(names=", ".join(no_plan)))
        self._say("\n".join(lines), ok=any(counts.values()))

    # --- saving and printing (public, so tests need no file or print dialog) ---------------
    def save_to(self, folder: Path) -> list[Path]:
        """One PDF per ticked patient and document in ``folder``; a patient without a plan
        gets no handout (named in the message); stops at the first file that fails."""
        folder = Path(folder)
        try:
            check_save_path(self._store, folder / "report.pdf")
        except SaveRefused as exc:
            self._say(f"{exc} Nothing was saved.", ok=False)
            return []
        day = self._clock().astimezone().date()
        written: list[Path] = []
        counts = dict.fromkeys(self._kinds(), 0)
        no_plan: list[str] = []
        for profile in self.chosen():
            for kind in self._kinds():
                path = folder / file_name(FILE_TITLES[kind], profile.name, day, ".pdf")
                if path in written:  # "A/B" and "A-B" make the same file name: keep both
                    path = path.with_stem(f"{path.stem} ({profile.id})")
                try:
                    if kind == REPORT:
                        write_pdf(self._content(profile), path)
                    else:
                        write_handout_pdf(self._handout(profile, day), path)
                except NoPlan:
                    no_plan.append(profile.name)
                    continue
                except (ReportError, OSError) as exc:
                    done = f" The {len(written)} file(s) before it were saved." if written \
                        else ""
                    self._say(f"The {kind} of {profile.name} was not saved: {exc}{done}",
                              ok=False)
                    return written
                self._log.record(self._access, "report", profile.id,
                                 "PDF" if kind == REPORT else HANDOUT_DETAIL)
                written.append(path)
                counts[kind] += 1
        self._done("Saved", counts, f" in {folder}", no_plan, "Nothing was saved.")
        return written

    def print_on(self, printer) -> int:
        """Every ticked patient's documents on ``printer`` as one print job, patient by
        patient (the report's one page, then the handout's); returns the pages printed.
        Nothing is printed when no patient has anything to print."""
        day = self._clock().astimezone().date()
        jobs: list[tuple[Profile, str, list[Callable]]] = []  # each page as a painting
        no_plan: list[str] = []
        for profile in self.chosen():
            for kind in self._kinds():
                if kind == REPORT:
                    laid = ReportRenderer(self._content(profile)).layout(printer)
                    jobs.append((profile, kind, [partial(self._report_page, laid.document)]))
                    continue
                try:
                    renderer = HandoutRenderer(self._handout(profile, day))
                except NoPlan:
                    no_plan.append(profile.name)
                    continue
                sheets = renderer.layout(printer)
                jobs.append((profile, kind, [
                    partial(renderer.paint_page, blocks=blocks, number=n, total=len(sheets))
                    for n, blocks in enumerate(sheets, start=1)]))
        counts = dict.fromkeys(self._kinds(), 0)
        pages = [paint for _profile, _kind, paints in jobs for paint in paints]
        if pages:
            painter = QPainter()
            if not painter.begin(printer):
                raise ReportError("Could not start printing.")
            try:
                for n, paint in enumerate(pages):
                    if n:
                        printer.newPage()
                    paint(painter)
            finally:
                painter.end()
        from ankle_gui.ui.common.printing import after_printing, where_it_went

        if pages:
            after_printing(printer)
        where = where_it_went(printer)
        for profile, kind, _paints in jobs:
            self._log.record(self._access, "print", profile.id,
                             f"report {where}" if kind == REPORT else f"{HANDOUT_DETAIL} {where}")
            counts[kind] += 1
        self._done("Sent", counts, f" ({_count(len(pages), 'page')}) to the printer",
                   no_plan, "Nothing was printed.")
        return len(pages)

    @staticmethod
    def _report_page(document, painter) -> None:
        device = painter.device()
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        page = QRectF(0, 0, rect.width(), rect.height())
        painter.save()
        painter.setClipRect(page)
        document.drawContents(painter, page)
        painter.restore()

    def _save_clicked(self) -> None:
        folder = file_dialogs.folder_name(self, "Save the PDFs in this folder",
                                          start_folder())
        if folder:
            self.save_to(Path(folder))

    def _print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName({REPORT: "Ankle progress reports", HANDOUT: "Home programmes"}
                           .get(self.what(), "Ankle reports and home programmes"))
        printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                               QPageLayout.Unit.Millimeter)
        if not ask_printer(self, printer, may_print_to_file=True,
                           data_dir=data_folder(self._store),
                           tell=lambda text: self._say(text, ok=False)):
            return
        try:
            self.print_on(printer)
        except ReportError as exc:
            self._say(str(exc), ok=False)
