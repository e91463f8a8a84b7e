"""The dashboard's table against hand-worked cases (now = 2026-11-30 12:00 UTC; the cases are
described in conftest.py), its sorting, its empty state and who may see it."""

from __future__ import annotations

import pytest
from clinic_cases import NAMES, patient_access
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ankle_gui.core.clinic import Role
from ankle_gui.services.patient_access import Access
from ankle_gui.ui.clinic.patient_table import COLUMNS


def table(board) -> dict[str, dict[str, str]]:
    model = board.model
    rows = {}
    for r in range(model.rowCount()):
        cells = [model.data(model.index(r, c)) for c in range(len(COLUMNS))]
        rows[cells[0]] = dict(zip([title(c) for c in COLUMNS], cells, strict=True))
    return rows


def title(column) -> str:
    """A column's title on one line ("Last\nvisit" is shown on two, to fit 1366 px)."""
    return column.header.replace("\n", " ")


def order(board) -> list[str]:
    return [board.model.data(board.model.index(r, 0)) for r in range(board.model.rowCount())]


def test_figures_match_the_hand_worked_cases(board):
    rows = table(board)
    assert list(rows) == ["Ana", "Ben", "Cleo", "Dara"]
    # Ana: 8.0 → 8.4 is 0.4 cm, under the 1.9 cm MDC; 10.5 → 12.6 is 2.1 cm, over it.
    # Done since 11-23 noon: 11-25 and 11-28 (11-29 was stopped); since 11-02: five more.
    assert rows["Ana"] == {
        "Patient": "Ana", "Last visit": "2026-11-29", "Left": "8.4 cm",
        "Left change": "+0.4 < MDC", "Right": "12.6 cm", "Right change": "+2.1 better",
        "L–R gap": "4.2 cm ⚑", "7 days": "2 of 3", "28 days": "5 of 12", "Pain": "6/10",
        "Flags": "Pain rule, Pain, Retest due, Refer, L–R gap"}   # the gap's ⚑ is a flag too
    # Ben: one test, so no change yet; a plan of 2 a week and no session in 20 days.
    assert rows["Ben"] == {
        "Patient": "Ben", "Last visit": "2026-11-20", "Left": "11.0 cm", "Left change": "–",
        "Right": "11.5 cm", "Right change": "–", "L–R gap": "0.5 cm", "7 days": "0 of 2",
        "28 days": "0 of 8", "Pain": "–", "Flags": "No session"}
    # Cleo: 7/10 twelve days ago is too old to flag; last rating 3; ten quiet days.
    assert (rows["Cleo"]["Pain"], rows["Cleo"]["28 days"], rows["Cleo"]["Flags"]) == \
        ("3/10", "2 of 12", "No session")
    assert rows["Dara"] == {
        "Patient": "Dara", "Last visit": "–", "Left": "–", "Left change": "–", "Right": "–",
        "Right change": "–", "L–R gap": "–", "7 days": "0 of –", "28 days": "0 of –",
        "Pain": "–", "Flags": "Retest due"}


def test_flag_reasons_are_in_the_tooltip_and_the_details(board, clinic):
    model = board.model
    flags = len(COLUMNS) - 1
    tip = model.data(model.index(0, flags), Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[:3] == [
        "Pain rule broken: Pain 6/10 during the session on 2026-11-29 (home limit 3/10): told "
        "to pause the drills that hurt and see you.",
        "Pain reported: Pain 6/10 reported after the session on 2026-11-29.",
        "Retest due: Last full test on 2026-10-29, 32 days ago; the programme asks for one "
        "every 4 weeks."]
    assert tip.splitlines()[3].startswith(
        "Refer: Left: 8 sessions that trained this side over 4 weeks, 8.0 cm → 8.4 cm since "
        "2026-10-01, inside the 1.9 cm margin")
    board.select(clinic.patients["Ana"].id)
    text = board.details.text()
    assert "Ana, code •••• ••••" in text and "1001" not in text
    assert "Left: 8.0 cm at first, 8.4 cm now (+0.4 cm, within the measurement error: the " \
           "margin for these results is 1.9 cm)." in text
    assert "Right: 10.5 cm at first, 12.6 cm now (+2.1 cm, a real improvement" in text
    assert "⚑ Pain 6/10 reported after the session on 2026-11-29." in text
    assert "⚑ Refer: Left: 8 sessions that trained this side over 4 weeks" in text
    board.select(clinic.patients["Ben"].id)
    assert "⚑ No session yet, 20 days after the profile was made." in board.details.text()
    # The colour is never alone: every flagged row says its flags in words.
    assert all(model.data(model.index(r, flags)) for r in range(model.rowCount()))


@pytest.mark.parametrize(("header", "ascending", "descending"), [
    ("Patient", list(NAMES), list(NAMES[::-1])),
    ("Last visit", ["Ben", "Cleo", "Ana", "Dara"], ["Ana", "Ben", "Cleo", "Dara"]),
    ("Left", ["Ana", "Cleo", "Ben", "Dara"], ["Ben", "Cleo", "Ana", "Dara"]),
    ("Left change", ["Ana", "Ben", "Cleo", "Dara"], ["Ana", "Ben", "Cleo", "Dara"]),
    ("Right", ["Cleo", "Ben", "Ana", "Dara"], ["Ana", "Ben", "Cleo", "Dara"]),
    ("L–R gap", ["Cleo", "Ben", "Ana", "Dara"], ["Ana", "Ben", "Cleo", "Dara"]),
    ("7 days", ["Ben", "Cleo", "Ana", "Dara"], ["Ana", "Ben", "Cleo", "Dara"]),
    ("28 days", ["Ben", "Cleo", "Ana", "Dara"], ["Ana", "Cleo", "Ben", "Dara"]),
    ("Pain", ["Cleo", "Ana", "Ben", "Dara"], ["Ana", "Cleo", "Ben", "Dara"]),
    ("Flags", ["Ben", "Cleo", "Dara", "Ana"], ["Ana", "Ben", "Cleo", "Dara"]),
])
def test_sorting_by_each_column_numbers_as_numbers_and_blanks_last(board, header, ascending,
                                                                   descending):
    column = [title(c) for c in COLUMNS].index(header)
    board.patientTable.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert order(board) == ascending
    board.patientTable.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert order(board) == descending


def test_numbers_sort_as_numbers_not_as_text(board, clinic):
    from clinic_cases import k2w

    clinic.store.results.add(clinic.patients["Dara"].id, k2w("11-29", 9.5, 10.0))
    board.reload()
    left = [c.header for c in COLUMNS].index("Left")
    board.patientTable.sortByColumn(left, Qt.SortOrder.AscendingOrder)
    # As text "11.0 cm" would come before "8.4 cm" and "9.0 cm".
    assert order(board) == ["Ana", "Cleo", "Dara", "Ben"]


def test_the_selection_stays_on_the_patient_after_a_sort(board, clinic):
    board.select(clinic.patients["Cleo"].id)
    board.patientTable.sortByColumn(len(COLUMNS) - 2, Qt.SortOrder.DescendingOrder)
    assert board.selected_id() == clinic.patients["Cleo"].id


def test_enter_and_open_patient_ask_to_open_it_and_log_it(qtbot, board, clinic):
    board.select(clinic.patients["Ben"].id)
    board.patientTable.setFocus()
    with qtbot.waitSignal(board.openPatientRequested) as opened:
        qtbot.keyClick(board.patientTable, Qt.Key.Key_Return)
    assert opened.args == [clinic.patients["Ben"].id]
    with qtbot.waitSignal(board.openPatientRequested) as opened:
        qtbot.mouseClick(board.openButton, Qt.MouseButton.LeftButton)
    assert opened.args == [clinic.patients["Ben"].id]
    entry = clinic.access.audit_entries(clinic.clinician)[0]
    assert (entry.actor, entry.action, entry.profile_id) == \
        ("clinician", "patient_opened", clinic.patients["Ben"].id)


def test_empty_clinic_says_so_and_focuses_new_patient(qtbot, store, catalogue):
    from helpers import PIN, FakeClock

    from ankle_gui.services.clinic_pin import ClinicPin
    from ankle_gui.services.patient_access import PatientAccess
    from ankle_gui.ui.clinic.dashboard_page import PatientsDashboard
    from ankle_gui.ui.common.who_is_here import WhoIsHere

    clock = FakeClock()
    ClinicPin(store, clock).enable(PIN, PIN)
    who = WhoIsHere(PatientAccess(store, clock).unlock(PIN))
    board = PatientsDashboard(store, catalogue, who, clock=clock)
    qtbot.addWidget(board)
    board.show()
    board.activateWindow()
    qtbot.waitUntil(board.newButton.hasFocus)
    assert board.intro.text().startswith("No patients yet.")
    assert not board.patientTable.isVisible()
    assert not board.openButton.isEnabled() and not board.deleteButton.isEnabled()


@pytest.mark.parametrize("role", [Role.PATIENT, Role.WELCOME])
def test_anyone_but_the_clinician_sees_nothing(qtbot, board, clinic, role):
    access = patient_access(clinic, "Ana") if role is Role.PATIENT else Access(Role.WELCOME)
    clinic.who.set(access)
    assert board.model.rowCount() == 0
    assert not board.content.isVisible()
    clinic.who.set(clinic.clinician)
    assert board.model.rowCount() == 4 and board.content.isVisible()


def test_locking_closes_every_dialog_the_clinician_left_open(qtbot, board, clinic):
    board.select(clinic.patients["Ana"].id)
    actions = board.actions
    opened = [actions.programme(), actions.audit_log(), actions.clinic_settings(), actions.delete()]
    assert all(d.isVisible() for d in opened)
    clinic.who.set(Access(Role.WELCOME))
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in board.findChildren(QDialog)))
    assert board.details.text() == "" and "Ana" in [p.name for p in
                                                    clinic.store.profiles.all()]


def test_double_click_opens_the_patient(qtbot, board, clinic):
    board.patientTable.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    rect = board.patientTable.visualRect(board.model.index(2, 0))  # Cleo
    opened = []
    board.openPatientRequested.connect(opened.append)
    # As a real double-click: a press and release first, then the double-click.
    viewport = board.patientTable.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [clinic.patients["Cleo"].id]  # once, not once per click
