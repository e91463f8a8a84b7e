"""The dashboard's table: one row per patient, in words and figures a physio reads at a glance.

Sorting goes through core.dashboard.sort_rows, so the table sorts as the rules do: numbers
as numbers, and a patient with no figure in that column always last.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from ankle_gui.core.assessment import ASYMMETRY_FLAG_CM, CLINICIAN_MDC_CM, Change
from ankle_gui.core.clock import local_display
from ankle_gui.core.dashboard import FlagKind, PatientRow, SideFigures, sort_rows
from ankle_gui.core.records import Side
from ankle_gui.core.units import Unit, format_length

NONE = "–"  # a figure there is not yet
FLAG_WORDS = {FlagKind.SAFETY: "Safety", FlagKind.LOSS: "Loss",
              FlagKind.PAIN_RULE: "Pain rule", FlagKind.NO_SESSION: "No session",
              FlagKind.PAIN: "Pain", FlagKind.RETEST_DUE: "Retest due",
              FlagKind.REFER: "Refer"}
GAP_FLAG = "L–R gap"  # the gap column's ⚑, said in the Flags column too
# "< MDC": less than the results' margin of error (1.9 cm for a clinician measuring, more
# for self-measurement or coarse steps), so no real change.
CHANGE_WORDS = {Change.IMPROVED: "better", Change.WORSE: "worse", Change.WITHIN_ERROR: "< MDC"}
MARGIN_TIP = (f"only a change of at least the margin of error is real: {CLINICIAN_MDC_CM:.1f} cm "
              "when a clinician measures (the MDC), more when patients measure themselves")
FLAG_BACKGROUND = QColor("#FFF1DB")  # a light amber; the words say the same
NAME_WIDTH = 170  # px: a longer name is cut short (the whole of it in its tooltip)


class Column(NamedTuple):
    header: str
    sort_key: str
    tip: str
    numeric: bool = True


COLUMNS = [
    Column("Patient", "name", "The patient's name", numeric=False),
    # Two-line titles where a title is wider than its figures: every column fits at 1366 px.
    Column("Last\nvisit", "last_visit", "The day of the latest session or test",
           numeric=False),
    Column("Left", "left", "Latest rested knee-to-wall, left"),
    Column("Left\nchange", "left_change",
           f"Left since the first test, in the unit beside it; {MARGIN_TIP}"),
    Column("Right", "right", "Latest rested knee-to-wall, right"),
    Column("Right\nchange", "right_change",
           f"Right since the first test, in the unit beside it; {MARGIN_TIP}"),
    Column("L–R\ngap", "asymmetry", "Left against right; ⚑ marks 1.5 cm or more"),
    Column("7 days", "week", "Sessions completed against planned, the last 7 days "
           "(\u201cof \u2013\u201d: no plan or programme yet)"),
    Column("28 days", "four_weeks", "Sessions completed against planned, the last 28 days "
           "(\u201cof \u2013\u201d: no plan or programme yet)"),
    Column("Pain", "pain", "The last pain rating, 0–10"),
    Column("Flags", "flags", "What needs a look; the reasons are below the table",
           numeric=False),
]


def signed_length(value_cm: float, unit: Unit) -> str:
    text = format_length(abs(value_cm), unit)
    return ("+" if value_cm > 0 else "−" if value_cm < 0 else "±") + text


def change_text(figures: SideFigures, unit: Unit) -> str:
    """"+2.1 better": in the unit of the side's own column beside it (said in the header's
    tooltip), so that every column fits at 1366 px."""
    if figures.verdict is None:
        return NONE
    number = signed_length(figures.change_cm, unit).removesuffix(f" {unit.label}")
    return f"{number} {CHANGE_WORDS[figures.verdict]}"


def gap_text(row: PatientRow, unit: Unit) -> str:
    if row.asymmetry is None:
        return NONE
    gap = format_length(abs(row.asymmetry.difference_cm), unit)
    return gap + (" ⚑" if row.asymmetry.flagged else "")


def gap_words(row: PatientRow, unit: Unit) -> str | None:
    if row.asymmetry is None:
        return None
    gap = format_length(abs(row.asymmetry.difference_cm), unit)
    tighter = row.asymmetry.tighter_side
    text = f"Left–right gap {gap}" + (f", the {tighter} side tighter" if tighter else "")
    limit = format_length(ASYMMETRY_FLAG_CM, unit)
    return text + (f" ({limit} or more: flagged)." if row.asymmetry.flagged else ".")


def done_text(done: int, planned: int | None) -> str:
    # "of –": nothing planned yet (said in the column's tooltip); short, so that the Flags
    # column keeps its room at 1366 px.
    return f"{done} of {planned}" if planned else f"{done} of \u2013"


def gap_flagged(row: PatientRow) -> bool:
    return row.asymmetry is not None and row.asymmetry.flagged


def flag_words(row: PatientRow) -> str:
    """The Flags column: the dashboard's flags, and the gap's ⚑ when it shows, so the two
    columns never disagree ("none" beside a flagged gap)."""
    kinds = [f.kind for f in row.flags]
    words = [FLAG_WORDS[k] for k in dict.fromkeys(kinds)]
    if gap_flagged(row):
        words.append(GAP_FLAG)
    return ", ".join(words) or "none"


def flag_tips(row: PatientRow, unit: Unit) -> str:
    tips = [f"{f.kind.label}: {f.reason}" for f in row.flags]
    if gap_flagged(row):
        tips.append(gap_words(row, unit) or "")
    return "\n".join(tips) or "No flags"


def cells(row: PatientRow, unit: Unit) -> list[str]:
    left, right = row.sides[Side.LEFT], row.sides[Side.RIGHT]
    return [
        row.name,
        local_display(row.last_visit, with_time=False) if row.last_visit else NONE,
        format_length(left.latest_cm, unit) if left.latest_cm is not None else NONE,
        change_text(left, unit),
        format_length(right.latest_cm, unit) if right.latest_cm is not None else NONE,
        change_text(right, unit),
        gap_text(row, unit),
        done_text(row.done_7, row.planned_7),
        done_text(row.done_28, row.planned_28),
        f"{row.last_pain}/10" if row.last_pain is not None else NONE,
        flag_words(row),
    ]


def side_words(side: Side, figures: SideFigures, unit: Unit) -> str:
    name = side.value.capitalize()
    if figures.latest_cm is None:
        return f"{name}: no knee-to-wall test yet."
    if figures.verdict is None:
        return f"{name}: {format_length(figures.latest_cm, unit)}, one test so far."
    judged = {Change.IMPROVED: "a real improvement", Change.WORSE: "a real loss",
              Change.WITHIN_ERROR: "within the measurement error"}[figures.verdict]
    return (f"{name}: {format_length(figures.baseline_cm, unit)} at first, "
            f"{format_length(figures.latest_cm, unit)} now "
            f"({signed_length(figures.change_cm, unit)}, {judged}: the margin for these "
            f"results is {format_length(figures.margin_cm, unit)}).")


def details(row: PatientRow, unit: Unit) -> list[str]:
    """The selected patient in sentences: each side, then each flag with its reason."""
    lines = [side_words(Side.LEFT, row.sides[Side.LEFT], unit),
             side_words(Side.RIGHT, row.sides[Side.RIGHT], unit)]
    gap = gap_words(row, unit)
    if gap:
        lines.append(gap)
    if row.last_pain is not None:
        lines.append(f"Last pain rating: {row.last_pain}/10 on "
                     f"{local_display(row.last_pain_at, with_time=False)}.")
    if row.flags:
        # Pain and no-session reasons say what they are; the others need their name.
        lines += [f"⚑ {f.kind.label}: {f.reason}" if f.kind not in (FlagKind.PAIN,
                  FlagKind.NO_SESSION) else f"⚑ {f.reason}" for f in row.flags]
    elif not gap_flagged(row):
        lines.append("No flags.")
    return lines


def search_key(text: str) -> str:
    """A name as the search box matches it: the app's name key, without accents."""
    import unicodedata

    from ankle_gui.core.profile import name_key

    spread = unicodedata.normalize("NFKD", name_key(text))
    return "".join(ch for ch in spread if not unicodedata.combining(ch))


class PatientTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[PatientRow] = []
        self._rows: list[PatientRow] = []   # those shown: the search's matches
        self._units: dict[int, Unit] = {}
        self._sort = ("name", False)
        self._search = ""

    # --- the rows ---------------------------------------------------------------------------
    def set_rows(self, rows: list[PatientRow], units: dict[int, Unit]) -> None:
        self.beginResetModel()
        self._units = units
        self._all = list(rows)
        self._rows = sort_rows(self._matching(), *self._sort)
        self.endResetModel()

    def search(self, text: str) -> None:
        """Show only the patients whose name holds ``text`` (case and accents as the app
        matches names: "zoe" finds Zoë); empty shows everyone."""
        self.beginResetModel()
        self._search = search_key(text) if text.strip() else ""
        self._rows = sort_rows(self._matching(), *self._sort)
        self.endResetModel()

    def _matching(self) -> list[PatientRow]:
        if not self._search:
            return list(self._all)
        return [r for r in self._all if self._search in search_key(r.name)]

    def total(self) -> int:
        """Every patient, whether the search shows them or not."""
        return len(self._all)

    def row_at(self, index: int) -> PatientRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def index_of(self, profile_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.profile_id == profile_id), None)

    def unit_of(self, row: PatientRow) -> Unit:
        return self._units.get(row.profile_id, Unit.CM)

    def rows(self) -> list[PatientRow]:
        return list(self._rows)

    # --- Qt's side ----------------------------------------------------------------------------
    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip + ". Click to sort."
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cells(row, self.unit_of(row))[column]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[column].sort_key == "flags":
            return flag_tips(row, self.unit_of(row))
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.name   # a long name is cut short in its column
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[column].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and (row.flags or gap_flagged(row)) \
                and COLUMNS[column].sort_key == "flags":
            return FLAG_BACKGROUND
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        # The selection follows its patient to the new place, not the old row number.
        kept = self.persistentIndexList()
        ids = [(self._rows[i.row()].profile_id, i.column()) for i in kept]
        self._sort = (COLUMNS[column].sort_key, order == Qt.SortOrder.DescendingOrder)
        self._rows = sort_rows(self._rows, *self._sort)
        self.changePersistentIndexList(
            kept, [self.index(self.index_of(pid), col) for pid, col in ids])
        self.layoutChanged.emit()


class OneLine(QStyledItemDelegate):
    """A name stays on one line, cut short with "…", while the flags beside it may wrap."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt override)
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


def patient_table_view(model: PatientTableModel) -> QTableView:
    """The dashboard's table. Every column fits at 1366 px: the figures take their width, a
    long name is cut (its tooltip has it whole), and the flags take the rest, wrapping onto
    a second line rather than going out of sight."""
    table = QTableView()
    table.setObjectName("patientTable")
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setItemDelegateForColumn(0, OneLine(table))
    return table
