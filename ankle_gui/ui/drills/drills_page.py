"""Browse the drill catalogue: filter by purpose and equipment, read how each is done."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue, Drill, Equipment, Purpose
from ankle_gui.core.plan import DOSE_LABELS
from ankle_gui.core.records import BOTH_TOGETHER, EACH_IN_TURN, Side
from ankle_gui.ui.common.widgets import fill_remaining_height, label
from ankle_gui.ui.drills.drill_figure import DrillFigureView


def equipment_words(drill: Drill) -> str:
    """'Band', 'Foam roller, Ball', or 'No equipment (a ball is optional)'."""
    needed = [e.label for e in drill.equipment if e is not Equipment.NONE]
    if Equipment.NONE in drill.equipment:
        return Equipment.NONE.label + (f" ({' or '.join(needed).lower()} optional)"
                                       if needed else "")
    return ", ".join(needed)


def dose_origin_html(drill: Drill) -> str:
    """Each dose field with where its numbers come from: the seed, quoted, or the app."""
    if not drill.dose:
        return ""
    rows = "".join(f"<li><b>{escape(DOSE_LABELS[key])} {drill.dose[key]}</b>: "
                   f"{escape(drill.dose_origin(key))}</li>" for key in drill.dose)
    return f"<p style='margin-bottom:0'><b>Where the dose comes from</b></p><ul>{rows}</ul>"


def drill_html(drill: Drill) -> str:
    """The drill as a physio's handout: what, how, how much, and where it comes from."""
    equipment = equipment_words(drill)
    steps = "".join(f"<li>{escape(s)}</li>" for s in drill.setup)
    cues = "".join(f"<li>{escape(c)}</li>" for c in drill.cues)
    per_side = EACH_IN_TURN if drill.per_side else BOTH_TOGETHER
    return (
        f"<h2 style='margin-bottom:2px'>{escape(drill.name)}</h2>"
        f"<p style='color:#475467'>{escape(drill.purpose.label)} · {escape(equipment)} · "
        f"{per_side}</p>"
        f"<p>{escape(drill.summary)}</p>"
        f"<h3>Dose</h3><p>{escape(drill.dose_text())}</p>{dose_origin_html(drill)}"
        f"<h3>Set-up</h3><ol>{steps}</ol>"
        f"<h3>While you do it</h3><ul>{cues}</ul>"
        + (f"<p><b>Each rep:</b> {escape(drill.rep_cue)}</p>" if drill.rep_cue else "")
        + f"<p style='color:#475467'><small>Source: {escape(drill.source.citation)}"
        + (f". {escape(drill.source_note)}" if drill.source_note else "") + "</small></p>"
    )


class DrillsPage(QWidget):
    trainRequested = Signal(str)  # drill id

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageDrills")
        self._catalogue = catalogue

        self.purposeFilter = QComboBox()
        self.purposeFilter.setObjectName("purposeFilter")
        self.purposeFilter.addItem("All purposes", None)
        for p in Purpose:
            self.purposeFilter.addItem(p.label, p.value)
        self.equipmentFilter = QComboBox()
        self.equipmentFilter.setObjectName("equipmentFilter")
        self.equipmentFilter.addItem("Any equipment", None)
        for e in Equipment:
            self.equipmentFilter.addItem(e.label, e.value)
        self.countLabel = label("", "hint", wrap=False)

        self.list = QListWidget()
        self.list.setObjectName("drillList")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail = QTextBrowser()
        self.detail.setObjectName("drillDetail")
        self.detail.setOpenLinks(False)
        # The drill in motion, above its set-up and cues.
        self.figure = DrillFigureView()
        self.figure.setObjectName("drillFigurePreview")
        self.figure.setMinimumHeight(200)
        self.figureCaption = label("", "hint")
        self.figureCaption.setObjectName("drillFigureCaption")
        self.leftSide = QCheckBox("Show the left side")
        self.leftSide.setObjectName("drillFigureLeftSide")
        self.leftSide.setToolTip("The figure works the right ankle; tick to see the left")
        self.trainButton = QPushButton("Train this drill")
        self.trainButton.setObjectName("trainThisDrillButton")
        self.trainButton.setProperty("role", "primary")
        self.trainButton.setToolTip("Open it on the Train page to pick the dose and start")

        # The list and the text take what is left, so "Train this drill" stays in view.
        fill_remaining_height(self.list, 120)
        fill_remaining_height(self.detail, 90)

        filters = QHBoxLayout()
        filters.addWidget(label("Show", wrap=False))
        filters.addWidget(self.purposeFilter)
        filters.addWidget(self.equipmentFilter)
        filters.addWidget(self.countLabel)
        filters.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        detail_side = QWidget()
        detail_layout = QVBoxLayout(detail_side)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        figure_row = QHBoxLayout()
        figure_row.addWidget(self.figureCaption, 1)
        figure_row.addWidget(self.leftSide, 0, Qt.AlignmentFlag.AlignTop)
        detail_layout.addWidget(self.figure, 2)
        detail_layout.addLayout(figure_row)
        detail_layout.addWidget(self.detail, 3)
        detail_layout.addWidget(self.trainButton, 0, Qt.AlignmentFlag.AlignRight)
        splitter.addWidget(detail_side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(label("Drills", "title"))
        layout.addWidget(label("Every test and drill from the source articles, with its dose "
                               "and where it comes from.", "hint"))
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.purposeFilter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.equipmentFilter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.currentItemChanged.connect(self._show_current)
        self.trainButton.clicked.connect(self._train_current)
        self.leftSide.toggled.connect(lambda _on: self._show_figure())
        self.refresh()

    def visible_drills(self) -> list[Drill]:
        purpose = self.purposeFilter.currentData()
        equipment = self.equipmentFilter.currentData()
        return self._catalogue.filtered(Purpose(purpose) if purpose else None,
                                        Equipment(equipment) if equipment else None)

    def refresh(self) -> None:
        drills = self.visible_drills()
        self.list.clear()
        for drill in drills:
            item = QListWidgetItem(f"{drill.name}\n{drill.purpose.label} · {drill.dose_text()}")
            item.setData(Qt.ItemDataRole.UserRole, drill.id)
            item.setToolTip(drill.summary)
            self.list.addItem(item)
        self.countLabel.setText(f"{len(drills)} of {len(self._catalogue)} drills")
        if drills:
            self.list.setCurrentRow(0)
        else:
            self.detail.setHtml("<p>No drill matches both filters. Choose “All purposes” or "
                                "“Any equipment” to see more.</p>")

    def select(self, drill_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == drill_id:
                self.list.setCurrentRow(row)
                return

    def _show_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        drill = self._catalogue.get(item.data(Qt.ItemDataRole.UserRole))
        self.detail.setHtml(drill_html(drill))
        self.trainButton.setEnabled(drill.runnable)  # tests are done on the Test page
        self._show_figure()

    def _show_figure(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        drill = self._catalogue.get(item.data(Qt.ItemDataRole.UserRole))
        self.leftSide.setVisible(drill.per_side)
        if drill.per_side:
            side = Side.LEFT if self.leftSide.isChecked() else Side.RIGHT
        else:
            side = Side.BOTH
        self.figure.set_poses(drill.poses, side)
        # "Start → End", or "Start → Knee straight … / Knee bent …" for each variant.
        shared = [key.label for key in drill.poses.keys if key.variant is None]
        ends = " / ".join(key.label for key in drill.poses.keys if key.variant is not None)
        steps = " → ".join(shared + ([ends] if ends else []))
        shown = {Side.LEFT: "Left ankle", Side.RIGHT: "Right ankle",
                 Side.BOTH: BOTH_TOGETHER}[side]
        self.figureCaption.setText(f"{shown}: {steps}")

    def _train_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and self._catalogue.get(item.data(Qt.ItemDataRole.UserRole)).runnable:
            self.trainRequested.emit(item.data(Qt.ItemDataRole.UserRole))
