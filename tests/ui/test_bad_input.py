"""Bad input everywhere: every number field, every name and note field, table-driven.

Each value either gets a clear message and changes nothing in the database, or is a
valid value and is stored exactly as it was meant. Nothing crashes.
"""

from __future__ import annotations

import math
import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QSpinBox, QWidget

from ankle_gui.core.plan import check_dose
from ankle_gui.core.records import Phase
from ankle_gui.core.units import Unit

# 45 values that are not a plausible distance (or are, in a form a parser might get wrong).
BAD_NUMBERS = [
    "", " ", "   ", "abc", "-1", "-0.5", "-0", "nan", "NaN", "inf", "-inf", "Infinity",
    "1e309", "1e5", "31", "30.01", "999", "10..5", "10,,5", "10,5,3", "1,2.3", "0x10", "½",
    "10 cm 5", "1 0", "+", "-", ".", ",", "e", "1e", "--5", "5-", "\x00", "5\x00", "\t",
    "\u202e5", "DROP TABLE test_results", "'; DELETE FROM test_results; --", "💯",
    "1" + "0" * 30, "9" * 20, "1/2", "NULL", "None", "true", "10\n5", "٣٠٠",
]
assert len(BAD_NUMBERS) >= 40

BAD_TEXT = [
    "", " ", "     ", "\t\n", "x" * 10_000, "Sam\x00", "Sam\x07bell", "\x1b[31mred",
    "Sam\u202eevil", "سارة", "שָׂרָה", "Sam 🦶🦵", "👩‍⚕️", "Robert'); DROP TABLE profiles;--",
    "' OR '1'='1", "NULL", "é" + "\u0301", "  padded  ",
]


# A few of each table run in the quick loop (pytest -m "not slow"); the whole tables, a
# window each, run with the rest of the suite.
QUICK_NUMBERS = {"", "abc", "-1", "nan", "31", "10,5,3", "½", "٣٠٠"}
QUICK_TEXT = {"", "x" * 10_000, "Sam\x00", "Robert'); DROP TABLE profiles;--"}


def _table(values: list[str], quick: set[str]) -> list:
    return [pytest.param(value, id=repr(value)[:24],
                         marks=() if value in quick else pytest.mark.slow)
            for value in values]


def _field(root: QWidget, name: str) -> QLineEdit:
    found = root.findChild(QLineEdit, name)
    assert found is not None, f"no field called {name}"
    return found


def _message_for(field: QLineEdit) -> str:
    label = field.window().findChild(QWidget, f"{field.objectName()}Message")
    return label.text() if label is not None else ""


def _check_length_field(qtbot, length_field, text: str, max_cm: float) -> None:
    """The shared rule for a LengthField: a message and no value, or a sane value."""
    length_field.edit.setText(text)
    ok = length_field.validate()
    value = length_field.value_cm()
    if ok:
        assert value is not None and math.isfinite(value) and 0 <= value <= max_cm, text
        assert length_field.message.text() == ""
    else:
        assert value is None
        assert length_field.message.text().strip(), f"no message for {text!r}"


# --- the Test page ------------------------------------------------------------------------

@pytest.fixture
def test_page(main_window, store, profile):
    main_window.current.set(profile)
    main_window.show_page("Test")
    page = main_window.page("Test")
    page.new_test()
    page.wizard.steps  # noqa: B018 - every step built (each is built when reached), found by name
    return page


def _click(root: QWidget, name: str) -> None:
    button = root.findChild(QPushButton, name) or root.findChild(QWidget, name)
    assert button is not None, name
    button.click()


def _fill_valid_test(page, note: str = "") -> None:
    for step in (page.wizard.safetyLegs, page.wizard.safetyHealth):
        for row in step.rows.values():
            if row.isEnabled():            # a follow-up is asked only after a yes
                row.button(False).click()
    _click(page, "measureResolution_0.1")
    _field(page, "kneeToWallLeft").setText("10,5")
    _field(page, "kneeToWallRight").setText("11.5")
    _click(page, "fistMen")
    for name in ("feltStraightLeft_back", "feltBentLeft_back", "feltStraightRight_front",
                 "feltBentRight_front", "squatHeelsDown_True"):
        _click(page, name)
    _field(page, "testNote").setText(note)


def test_a_valid_test_is_stored(test_page, store, profile):
    _fill_valid_test(test_page, "after a long run")
    test_page.wizard.save()
    results = store.results.for_profile(profile.id)
    assert {r.value_cm for r in results if r.test == "knee_to_wall"} == {10.5, 11.5}
    assert {r.note for r in results if r.note} == {"after a long run"}


@pytest.mark.parametrize("field_name", ["kneeToWallLeft", "kneeToWallRight"])
@pytest.mark.parametrize("text", _table(BAD_NUMBERS, QUICK_NUMBERS))
def test_knee_to_wall_fields(test_page, store, profile, qtbot, field_name, text):
    _fill_valid_test(test_page)
    field = _field(test_page, field_name)
    field.setText(text)
    shown = field.text()  # what the field kept (it may cap the length)
    test_page.wizard.save()
    stored = [r for r in store.results.for_profile(profile.id) if r.test == "knee_to_wall"]
    if not stored:
        assert _message_for(field).strip(), f"{text!r}: refused without a message"
        assert test_page.wizard.formMessage.text().startswith("Nothing was saved")
        return
    # Accepted: then it was a real distance, and the stored value is what it says.
    side = "left" if field_name.endswith("Left") else "right"
    [mine] = [r for r in stored if r.side == side]
    assert 0 <= mine.value_cm <= 30 and math.isfinite(mine.value_cm), (text, mine.value_cm)
    assert float(unicodedata.normalize("NFKC", shown).strip().replace(",", ".")) == \
        pytest.approx(mine.value_cm, abs=0.01)


@pytest.mark.parametrize("text", _table(BAD_NUMBERS, QUICK_NUMBERS))
def test_fist_width_field(test_page, store, profile, text):
    _fill_valid_test(test_page)
    _click(test_page, "fistOwn")
    step = test_page.wizard.fistWidth
    _check_length_field(None, step.ownField, text, max_cm=30)
    before = store.profiles.get(profile.id).fist_width_cm
    test_page.wizard.save()
    after = store.profiles.get(profile.id).fist_width_cm
    if store.results.count(profile.id) == 0:
        assert after == before
        assert step.message.text().strip() or step.ownField.message.text().strip()
    else:
        assert after is not None and 0 < after <= 20


@pytest.mark.parametrize("text", _table(BAD_TEXT, QUICK_TEXT))
def test_screening_note_field(test_page, store, profile, text):
    _fill_valid_test(test_page, note=text)
    typed = _field(test_page, "testNote").text()
    test_page.wizard.save()
    stored = store.results.for_profile(profile.id)
    if stored:
        assert {r.note for r in stored if r.note} == ({typed.strip()} - {""})
        assert "\x00" not in typed and typed == text, "the field changed what was typed"
    else:
        assert test_page.wizard.formMessage.text().strip() or \
            test_page.findChild(QWidget, "squatMessage").text().strip()


# --- the player's quick pre/post test --------------------------------------------------------

@pytest.fixture
def quick_test(qtbot):
    from ankle_gui.ui.train.quick_test import QuickTestForm

    widget = QuickTestForm()  # the player's pre/post test form; the page stores what it submits
    qtbot.addWidget(widget)
    widget.ask(Phase.PRE, Unit.CM)
    return widget


@pytest.mark.parametrize("text", _table(BAD_NUMBERS, QUICK_NUMBERS))
def test_quick_test_fields(qtbot, quick_test, text):
    submitted = []
    quick_test.submitted.connect(submitted.append)
    for bad, good in (("quickTestLeft", "quickTestRight"), ("quickTestRight", "quickTestLeft")):
        submitted.clear()
        _field(quick_test, good).setText("9")
        _field(quick_test, bad).setText(text)
        qtbot.mouseClick(quick_test.saveButton, Qt.MouseButton.LeftButton)
        field = quick_test.leftField if bad == "quickTestLeft" else quick_test.rightField
        if submitted:
            [values] = submitted
            assert all(math.isfinite(v) and 0 <= v <= 30 for v in values.values()), text
        else:
            assert field.message.text().strip() and quick_test.message.text().strip()


def test_quick_test_values_reach_the_session(qtbot, main_window, store, profile, catalogue):
    """What the form submits is what is stored with the session (and only that)."""
    from ankle_gui.core.plan import PlanItem, default_dose
    from ankle_gui.core.records import Side

    main_window.current.set(profile)
    page = main_window.trainPage
    drill = next(d for d in catalogue if d.runnable)
    assert page.start_plan([PlanItem(drill.id, Side.LEFT, default_dose(drill), "")],
                           quick_test=True)
    for text in BAD_NUMBERS:
        page.quickTest.leftField.edit.setText(text)
        page.quickTest.rightField.edit.setText("9")
        if page.quickTest.leftField.value_cm() is None:
            page.quickTest.saveButton.click()
            assert store.results.count(profile.id) == 0
    page.quickTest.leftField.edit.setText("8,5")
    page.quickTest.saveButton.click()
    stored = {(r.side.value, r.value_cm, r.phase.value) for r in
              store.results.for_profile(profile.id)}
    assert stored == {("left", 8.5, "pre"), ("right", 9.0, "pre")}
    page.shutdown()


# --- dose spin boxes ----------------------------------------------------------------------

def test_dose_spin_boxes_stay_in_range(qtbot, main_window, store, profile, catalogue):
    main_window.current.set(profile)
    page = main_window.trainPage
    main_window.show_page("Train")
    checked = 0
    for drill in [d for d in catalogue if d.runnable][:4]:
        page.train_drill(drill.id)
        builder = page.builder
        builder.sessionList.setCurrentRow(0)
        spins = builder.doseEditor.active_spins()
        assert spins, drill.id
        for key, spin in spins.items():
            for text in BAD_NUMBERS:
                spin.lineEdit().selectAll()
                spin.lineEdit().setText(text)
                spin.interpretText()
                qtbot.keyClick(spin, Qt.Key.Key_Return)
                rng = drill.dose[key]
                assert rng.low <= spin.value() <= rng.high, (drill.id, key, text)
                checked += 1
        for item in builder.items:
            check_dose(catalogue.get(item.drill_id), item.dose)  # raises if out of range
    assert checked >= 40
    assert isinstance(spin, QSpinBox)


# --- profile names ------------------------------------------------------------------------

@pytest.mark.parametrize("text", _table(BAD_TEXT, QUICK_TEXT))
def test_profile_name_on_create_and_rename(main_window, store, text, monkeypatch):
    page = main_window.profilesPage
    before = store.profiles.count()
    page.nameEdit.setText(text)
    typed = page.nameEdit.text()
    created = page.create_from_form()
    expected = unicodedata.normalize("NFC", typed).strip()
    if created is None:
        assert store.profiles.count() == before
        assert page.nameMessage.text().strip(), f"{text!r}: refused without a message"
    else:
        assert typed == text, "the field cut what was typed"
        assert store.profiles.get(created.id).name == expected
    base = store.profiles.create("Base person")
    dialog = page.open_rename(base.id)
    dialog.nameEdit.setText(text)
    ok = dialog.submit()
    name_now = store.profiles.get(base.id).name
    if ok:
        assert name_now == unicodedata.normalize("NFC", text).strip()
    else:  # the dialog stays open with its message, and what was typed
        assert name_now == "Base person" and dialog.message.text().strip()
        assert dialog.isVisible() and dialog.nameEdit.text() == text[:dialog.nameEdit.maxLength()]
        dialog.reject()
