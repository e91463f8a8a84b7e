"""The Test page end to end: a full test for both sides through the real widgets, what is
stored, the plan it gives, editing, saving and starting that plan, the safety notice and the
four-week clinician suggestion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import TODAY
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QRadioButton, QWidget

from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.prescription import JOINT_DRILLS, MAINTENANCE_DRILLS, SOFT_TISSUE_DRILLS
from ankle_gui.core.records import CompletedSet, Felt, MeasurementKind, Phase, SessionStatus, Side
from ankle_gui.core.red_flags import answer_key
from ankle_gui.core.screening import Screening, SideScreening
from ankle_gui.core.units import Unit
from ankle_gui.ui.main_window import MainWindow

OBJECT_NAMES = ["kneeToWallLeft", "kneeToWallRight", "feltStraightLeft", "feltBentLeft",
                "feltStraightRight", "feltBentRight", "squatHeelsDown", "saveTestButton",
                "planList", "startPlanButton", "resultSummary"]

REFERRAL = "Time to see a clinician"


class FakeClock:
    def __call__(self) -> float:
        return 100.0


def one(root: QWidget, name: str) -> QWidget:
    found = root.findChildren(QWidget, name)
    assert len(found) == 1, f"{len(found)} widgets called {name!r}"
    return found[0]


def click(qtbot, root: QWidget, name: str) -> None:
    widget = one(root, name)
    assert widget.isVisible() and widget.isEnabled(), f"{name} cannot be clicked"
    # A radio button only takes clicks on its circle and words, not the empty space after.
    where = QPoint(8, widget.height() // 2) if isinstance(widget, QRadioButton) else QPoint()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=where)


def type_into(qtbot, root: QWidget, name: str, text: str) -> None:
    edit = one(root, name)
    assert isinstance(edit, QLineEdit)
    edit.clear()
    qtbot.keyClicks(edit, text)


def open_test_page(window: MainWindow, profile):
    window.current.set(profile)
    window.show_page("Test")
    page = window.page("Test")
    assert window.current_page_name() == "Test"
    return page


def answer_safety(qtbot, page, yes: frozenset[str] | set[str] = frozenset()) -> None:
    """The two safety pages, as a user would: every question "No", except the answers named
    in ``yes`` (objectNames such as "safetyCalfLeft"), then Next past each."""
    from ankle_gui.core.records import ANKLES
    from ankle_gui.ui.screening.safety_step import row_name

    wizard = page.wizard
    for step in (wizard.safetyLegs, wizard.safetyHealth):
        assert wizard.current_step() is step
        for q in step.questions:       # a follow-up shows once its question had a yes
            for side in (ANKLES if q.per_side else (None,)):
                name = row_name(q.key, side)
                row = step.rows[answer_key(q.key, side)]
                if row.isVisible():
                    click(qtbot, page, f"{name}_{name in yes}")
        click(qtbot, page, "testNextButton")


def enter_test(qtbot, page, left: str, right: str, felt: dict[str, Felt], fist: str = "fistMen",
               heels_down: bool = False, direct: dict[str, bool] | None = None,
               resolution: str = "0.1", clinician: bool = True,
               safety: frozenset[str] | set[str] = frozenset()) -> None:
    """Walk the wizard with Next, as a user would, and press Save test on the last step.
    By default a clinician measured with a tape, so Powden's 1.9 cm margin applies."""
    wizard = page.wizard
    assert page.stack.currentWidget() is wizard
    answer_safety(qtbot, page, safety)
    assert wizard.current_step() is wizard.kneeToWall
    if left:
        type_into(qtbot, page, "kneeToWallLeft", left)
    if right:
        type_into(qtbot, page, "kneeToWallRight", right)
    click(qtbot, page, f"measuredBy_{'clinician' if clinician else 'self'}")
    click(qtbot, page, f"measureResolution_{resolution}")
    click(qtbot, page, "testNextButton")
    if wizard.current_step() is wizard.fistWidth:
        click(qtbot, page, fist)
        click(qtbot, page, "testNextButton")
    if direct is not None:
        assert wizard.current_step() is wizard.fistScreen
        for side, passes in direct.items():
            click(qtbot, page, f"fistScreen{side}_{passes}")
        click(qtbot, page, "testNextButton")
    if wizard.current_step() is wizard.feltLimit:
        for name, where in felt.items():
            click(qtbot, page, f"{name}_{where.value}")
        click(qtbot, page, "testNextButton")
    assert wizard.current_step() is wizard.squat
    assert one(page, "saveTestButton").isVisible()
    if not wizard.squat.skipped:
        click(qtbot, page, f"squatHeelsDown_{heels_down}")
    click(qtbot, page, "saveTestButton")


JOINT_LEFT = {"feltStraightLeft": Felt.FRONT, "feltBentLeft": Felt.FRONT,
              "feltStraightRight": Felt.NONE, "feltBentRight": Felt.NONE}


@pytest.fixture
def window(main_window):
    page = main_window.trainPage
    page.clock = FakeClock()
    page.builder.quickTestCheck.setChecked(False)
    return main_window


def test_every_object_name_from_the_issue_exists_once(window, profile):
    page = open_test_page(window, profile)
    # The later steps and the results are built when first reached; named from then on.
    page.wizard.steps  # noqa: B018
    page.results  # noqa: B018
    for name in OBJECT_NAMES:
        one(page, name)
    # The felt rows are named felt{Straight|Bent}{Left|Right}, with one button per answer.
    for name in OBJECT_NAMES[2:6]:
        for felt in Felt:
            assert isinstance(one(page, f"{name}_{felt.value}"), QPushButton)


def test_full_test_in_inches_is_stored_in_cm_and_gives_a_plan_per_side(
        qtbot, window, store, catalogue):
    profile = store.profiles.create("Ines", unit=Unit.INCH)
    page = open_test_page(window, profile)
    assert page.wizard.kneeToWall.fields[Side.LEFT].unitLabel.text() == "in"
    enter_test(qtbot, page, "2,5", "4.5", JOINT_LEFT)

    # --- what is stored: cm, the felt answers, the fist screen worked out from the numbers
    rows = store.results.for_profile(profile.id)
    by = {(r.test, r.side): r for r in rows}
    assert len(rows) == 7 and all(r.phase is Phase.BASELINE for r in rows)
    assert by[(MeasurementKind.KNEE_TO_WALL, Side.LEFT)].value_cm == pytest.approx(6.35)
    assert by[(MeasurementKind.KNEE_TO_WALL, Side.RIGHT)].value_cm == pytest.approx(11.43)
    # A man's fist is about 4 in: 2.5 in does not get past it, 4.5 in does.
    assert by[(MeasurementKind.FIST_SCREEN, Side.LEFT)].result == "fail"
    assert by[(MeasurementKind.FIST_SCREEN, Side.RIGHT)].result == "pass"
    left_felt = by[(MeasurementKind.FELT_LIMIT, Side.LEFT)]
    assert (left_felt.felt_straight, left_felt.felt_bent, left_felt.result) == (
        Felt.FRONT, Felt.FRONT, "joint")
    right_felt = by[(MeasurementKind.FELT_LIMIT, Side.RIGHT)]
    assert (right_felt.felt_straight, right_felt.felt_bent, right_felt.result) == (
        Felt.NONE, Felt.NONE, "none")
    assert by[(MeasurementKind.SQUAT_HEEL, Side.BOTH)].result == "no"
    assert store.profiles.get(profile.id).fist_width_cm == pytest.approx(10.16)

    # --- the results, in the profile's unit, with the sources
    assert page.stack.currentWidget() is page.results
    summary = one(page, "resultSummary").toPlainText()
    assert "2.5 in" in summary and "4.5 in" in summary
    assert "Restricted" in summary and "Normal" in summary
    assert "✗ Fail" in summary and "✓ Pass" in summary
    assert "the left ankle reaches 2.0 in less" in summary      # 5.1 cm ≥ 1.5 cm: flagged
    assert "corrective drills go to the left ankle" in summary  # the plan agrees
    assert "heels lift" in summary
    assert "° ankle angle" not in summary and "≈" not in summary  # no angle from one result
    assert "First test" in summary and "Calatayud" in summary and "Powden" in summary
    # 4.5 in (11.4 cm) is within a clinician's 1.9 cm of the 4 in mark and of the fist.
    assert "Borderline: 4.5 in is within 0.7 in of the 4.0 in mark and your fist" in summary
    assert "Measured by a clinician, measured with a tape, to 0.1 cm" in summary

    # --- the plan: joint work for the left only, maintenance for both, reasons in words
    editor = page.planEditor
    assert editor.why.text().splitlines() == [
        "Left: pinch at the front with the knee straight and bent → joint restriction → "
        "banded mobilizations, manual talus mobilization, 3-way oscillations",
        "Right: 4.5 in, borderline, nothing felt with the knee straight or bent → nothing to "
        "target → maintenance only"]
    items = editor.items()
    assert [i.drill_id for i in items] == list(JOINT_DRILLS) + list(MAINTENANCE_DRILLS)
    assert all(i.sides is Side.LEFT and i.reason.startswith("Left: joint restriction")
               for i in items if i.drill_id in JOINT_DRILLS)
    assert "retest" in items[len(JOINT_DRILLS) - 1].reason        # the 3-way oscillations
    assert all(i.sides is Side.BOTH and "maintenance" in i.reason for i in items[-2:])
    plan_list = one(page, "planList")
    assert plan_list.count() == len(items)
    assert "left only" in plan_list.item(0).text()
    assert "Why: Left: joint" in plan_list.item(0).text()
    assert "both ankles together" in plan_list.item(plan_list.count() - 1).text()
    saved, _per_week = store.plans.current(profile.id)
    assert saved == list(items)
    assert editor.state.text() == "Saved with this profile."


def test_plan_is_edited_saved_and_started_in_the_player(qtbot, window, store, catalogue,
                                                        profile):
    page = open_test_page(window, profile)
    enter_test(qtbot, page, "6", "11,5", JOINT_LEFT)
    editor = page.planEditor
    plan_list = one(page, "planList")

    # Reorder: the manual talus mobilization (third) moves up to first.
    plan_list.setCurrentRow(2)
    click(qtbot, page, "planUpButton")
    click(qtbot, page, "planUpButton")
    assert [i.drill_id for i in editor.items()][:3] == [
        "manual_talus_mob", "banded_mob_front", "banded_mob_back"]
    assert plan_list.currentRow() == 0
    assert editor.state.text() == "Changes not saved yet."
    assert store.plans.current(profile.id)[0][0].drill_id == "banded_mob_front"  # not yet

    # Remove the band-behind mobilization.
    plan_list.setCurrentRow(2)
    click(qtbot, page, "planRemoveButton")
    assert "banded_mob_back" not in [i.drill_id for i in editor.items()]

    # Add the bi-phasic stretch, then make it right-side only.
    combo = one(page, "planAddCombo")
    combo.setCurrentIndex(combo.findData("biphasic_stretch"))
    click(qtbot, page, "planAddButton")
    added = editor.items()[-1]
    assert (added.drill_id, added.reason) == ("biphasic_stretch", "Added by you")
    assert plan_list.currentRow() == len(editor.items()) - 1
    sides = one(page, "planSides")
    sides.setCurrentIndex(sides.findData(Side.RIGHT))
    assert editor.items()[-1].sides is Side.RIGHT

    # Re-dose it within its range (10–15 reps); beyond it is refused.
    plan_list.setCurrentRow(0)
    reps = one(page, "dose_reps")
    assert (reps.minimum(), reps.maximum()) == (10, 15)
    reps.setValue(14)
    assert editor.items()[0].dose["reps"] == 14
    reps.setValue(40)
    assert reps.value() == 15 and editor.items()[0].dose["reps"] == 15
    reps.lineEdit().selectAll()
    qtbot.keyClicks(reps.lineEdit(), "3")
    reps.interpretText()
    assert 10 <= editor.items()[0].dose["reps"] <= 15
    reps.setValue(12)
    assert "12 reps" in plan_list.item(0).text()

    # Save: the edited plan is what the profile keeps.
    edited = editor.items()
    click(qtbot, page, "savePlanButton")
    assert store.plans.current(profile.id)[0] == list(edited)
    assert editor.state.text() == "Saved with this profile."
    assert not one(page, "savePlanButton").isEnabled()

    # Start: the Train page's player runs exactly the edited plan.
    click(qtbot, page, "startPlanButton")
    train = window.trainPage
    assert window.current_page_name() == "Train"
    assert train.running
    firsts = [s for s in train.player.engine.steps if s.first_of_drill]
    assert [s.drill_id for s in firsts] == [i.drill_id for i in edited]
    assert train.player.engine.steps[0].drill_id == "manual_talus_mob"
    assert train.player.sideLabel.text() == "LEFT ankle"
    assert list(store.training.session(train.session_id).plan) == [i.to_dict() for i in edited]
    assert store.training.session(train.session_id).status is SessionStatus.RUNNING


def test_unsaved_edits_are_saved_when_the_plan_is_started(qtbot, window, store, profile):
    page = open_test_page(window, profile)
    enter_test(qtbot, page, "6", "11,5", JOINT_LEFT)
    one(page, "planList").setCurrentRow(0)
    click(qtbot, page, "planRemoveButton")
    edited = page.planEditor.items()
    click(qtbot, page, "startPlanButton")
    assert window.trainPage.running
    assert store.plans.current(profile.id)[0] == list(edited)


def test_an_empty_plan_cannot_be_started(qtbot, window, store, profile):
    page = open_test_page(window, profile)
    enter_test(qtbot, page, "11", "11,5", {name: Felt.NONE for name in OBJECT_NAMES[2:6]},
               heels_down=True)
    editor = page.planEditor
    assert [i.drill_id for i in editor.items()] == list(MAINTENANCE_DRILLS)
    for _ in MAINTENANCE_DRILLS:
        one(page, "planList").setCurrentRow(0)
        click(qtbot, page, "planRemoveButton")
    assert not one(page, "startPlanButton").isEnabled()
    assert "empty" in editor.state.text()
    editor.start()
    assert not window.trainPage.running
    assert store.plans.current(profile.id)[0] != []        # the saved plan was not emptied


def test_soft_tissue_right_and_joint_left_go_only_to_their_side(qtbot, window, store,
                                                                profile):
    page = open_test_page(window, profile)
    felt = {"feltStraightLeft": Felt.NONE, "feltBentLeft": Felt.FRONT,
            "feltStraightRight": Felt.BACK, "feltBentRight": Felt.BACK}
    enter_test(qtbot, page, "7", "6,5", felt)
    by_id = {i.drill_id: i for i in page.planEditor.items()}
    assert {d for d, i in by_id.items() if i.sides is Side.RIGHT} == set(SOFT_TISSUE_DRILLS)
    assert {d for d, i in by_id.items() if i.sides is Side.LEFT} == set(JOINT_DRILLS)
    assert by_id["trigger_point_rolling"].reason == "Right: soft-tissue restriction"
    why = page.planEditor.why.text()
    assert "Left: nothing with the knee straight, pinch at the front with the knee bent → " \
           "joint restriction" in why
    assert "Right: stretch at the back with the knee straight and bent → soft-tissue " \
           "restriction → trigger-point rolling, bi-phasic stretch" in why
    stored = {r.side: r for r in store.results.for_profile(profile.id, MeasurementKind.FELT_LIMIT)}
    assert (stored[Side.LEFT].felt_straight, stored[Side.LEFT].felt_bent) == (
        Felt.NONE, Felt.FRONT)
    assert stored[Side.RIGHT].result == "soft_tissue"


def test_fist_screen_asked_directly_without_a_width(qtbot, window, store, profile):
    page = open_test_page(window, profile)
    enter_test(qtbot, page, "9", "8", JOINT_LEFT, fist="fistDirect",
               direct={"Left": False, "Right": True})
    fist = {r.side: r.result for r in store.results.for_profile(profile.id,
                                                                MeasurementKind.FIST_SCREEN)}
    assert fist == {Side.LEFT: "fail", Side.RIGHT: "pass"}
    assert store.profiles.get(profile.id).fist_width_cm is None


def test_own_fist_width_decides_over_nothing_and_is_kept_for_next_time(qtbot, window, store,
                                                                      profile):
    page = open_test_page(window, profile)
    wizard = page.wizard
    answer_safety(qtbot, page)
    type_into(qtbot, page, "kneeToWallLeft", "8,6")
    type_into(qtbot, page, "kneeToWallRight", "8.4")
    click(qtbot, page, "measureResolution_0.1")
    click(qtbot, page, "testNextButton")
    type_into(qtbot, page, "fistWidthEdit", "8,5")          # typing picks "my own fist"
    assert one(page, "fistOwn").isChecked()
    click(qtbot, page, "testNextButton")
    assert wizard.current_step() is wizard.feltLimit         # no direct question: numbers known
    for name, where in JOINT_LEFT.items():
        click(qtbot, page, f"{name}_{where.value}")
    click(qtbot, page, "testNextButton")
    click(qtbot, page, "squatHeelsDown_True")
    click(qtbot, page, "saveTestButton")
    fist = {r.side: r.result for r in store.results.for_profile(profile.id,
                                                                MeasurementKind.FIST_SCREEN)}
    assert fist == {Side.LEFT: "pass", Side.RIGHT: "fail"}  # 8.6 ≥ 8.5 > 8.4
    assert store.profiles.get(profile.id).fist_width_cm == 8.5
    click(qtbot, page, "newTestButton")
    assert page.stack.currentWidget() is wizard
    assert one(page, "fistOwn").isChecked()
    assert one(page, "fistWidthEdit").text() == "8.5"


def test_retest_shows_the_change_with_the_measurement_error_rule(qtbot, window, store,
                                                                profile):
    page = open_test_page(window, profile)
    enter_test(qtbot, page, "6", "8", JOINT_LEFT)
    click(qtbot, page, "newTestButton")
    enter_test(qtbot, page, "8,5", "9", JOINT_LEFT)   # +2.5 cm left, +1.0 cm right
    summary = one(page, "resultSummary").toPlainText()
    assert "+2.5 cm since 6.0 cm: Improvement" in summary
    assert "+1.0 cm since 8.0 cm: Within measurement error" in summary
    assert len(store.results.for_profile(profile.id, MeasurementKind.KNEE_TO_WALL)) == 4


@pytest.mark.parametrize(("field", "text"), [
    ("kneeToWallLeft", ""), ("kneeToWallLeft", "abc"), ("kneeToWallRight", "-2"),
    ("kneeToWallRight", "nan"), ("kneeToWallLeft", "inf"), ("kneeToWallLeft", "31"),
])
def test_invalid_number_fields_save_nothing(qtbot, window, store, profile, field, text):
    page = open_test_page(window, profile)
    wizard = page.wizard
    enter_test(qtbot, page, "6", "8", JOINT_LEFT)
    before = store.results.for_profile(profile.id)
    click(qtbot, page, "newTestButton")
    answer_safety(qtbot, page)
    type_into(qtbot, page, "kneeToWallLeft", "7")
    type_into(qtbot, page, "kneeToWallRight", "9")
    click(qtbot, page, "measureResolution_0.1")
    click(qtbot, page, "testNextButton")
    click(qtbot, page, "fistMen")
    click(qtbot, page, "testNextButton")
    for name, where in JOINT_LEFT.items():
        click(qtbot, page, f"{name}_{where.value}")
    click(qtbot, page, "testNextButton")
    click(qtbot, page, "squatHeelsDown_True")
    click(qtbot, page, "testBackButton")
    click(qtbot, page, "testBackButton")
    click(qtbot, page, "testBackButton")
    assert wizard.current_step() is wizard.kneeToWall
    type_into(qtbot, page, field, text)
    click(qtbot, page, "testNextButton")
    assert wizard.current_step() is wizard.kneeToWall            # Next refuses
    assert one(page, f"{field}Message").text().strip()
    assert "fix" in wizard.formMessage.text()
    # Even a Save forced from the last step goes back to the bad field and stores nothing.
    wizard.go(wizard.steps.index(wizard.squat))
    click(qtbot, page, "saveTestButton")
    assert wizard.current_step() is wizard.kneeToWall
    assert "Nothing was saved" in wizard.formMessage.text()
    assert store.results.for_profile(profile.id) == before
    assert page.stack.currentWidget() is wizard


def test_over_twelve_inches_is_refused_for_an_inch_profile(qtbot, window, store):
    profile = store.profiles.create("Ines", unit=Unit.INCH)
    page = open_test_page(window, profile)
    answer_safety(qtbot, page)
    click(qtbot, page, "measureResolution_0.1")
    type_into(qtbot, page, "kneeToWallLeft", "12,5")
    type_into(qtbot, page, "kneeToWallRight", "4")
    click(qtbot, page, "testNextButton")
    assert page.wizard.current_step() is page.wizard.kneeToWall
    assert one(page, "kneeToWallLeftMessage").text().strip()
    assert store.results.for_profile(profile.id) == []
    assert page.wizard.formMessage.text()
    type_into(qtbot, page, "kneeToWallLeft", "3")          # fixed: the reminder goes away
    assert page.wizard.formMessage.text() == ""
    assert one(page, "kneeToWallLeftMessage").text() == ""


def test_safety_notice_once_per_profile(wall, qtbot, cue_services, store, catalogue):
    sam = store.profiles.create("Sam")
    ben = store.profiles.create("Ben")
    window = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    notice = window.safetyNotice
    window.current.set(sam)
    assert notice.isVisible()
    text = one(window, "safetyNoticeText").text()
    assert "not medical advice" in text and "sharp pain" in text
    click(qtbot, window, "noticeAcceptButton")
    assert not notice.isVisible()
    assert store.profiles.notice_seen(sam.id) and not store.profiles.notice_seen(ben.id)
    window.current.set(ben)
    assert notice.isVisible()                               # a different person reads it too
    window.current.set(sam)
    assert not notice.isVisible()
    window.close()

    # the next start of the app
    again = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(again)
    again.show()
    again.current.set(sam)
    assert not again.safetyNotice.isVisible()
    again.current.set(ben)
    assert again.safetyNotice.isVisible()


def _days_ago(days: float) -> str:
    return to_utc_iso(TODAY - timedelta(days=days))


def _train(store, profile_id: int, days_ago: float) -> None:
    """One session with one finished set, as the player would have stored it."""
    started = _days_ago(days_ago)
    sid = store.training.start_session(profile_id, [], started_at=started)
    store.training.record_set(sid, CompletedSet(0, "banded_mob_front", Side.LEFT, 1, started,
                                                started, reps_done=10, reps_target=10))
    store.training.finish_session(sid, SessionStatus.COMPLETED)


def _baseline(store, profile_id: int, left_cm: float, right_cm: float, days_ago: float) -> None:
    screening = Screening(SideScreening(Side.LEFT, left_cm, False, Felt.FRONT, Felt.FRONT),
                          SideScreening(Side.RIGHT, right_cm, True, Felt.NONE, Felt.NONE),
                          squat_heels_down=False)
    store.results.add(profile_id, screening.to_results(_days_ago(days_ago)))


@pytest.mark.parametrize(("left_now", "referred"), [("6,5", True), ("8,5", False)])
def test_four_weeks_without_real_change_suggests_a_clinician(qtbot, window, store, profile,
                                                             left_now, referred):
    _baseline(store, profile.id, 6.0, 11.0, days_ago=30)
    for week in range(4):                                   # three sessions a week
        for day in (1, 3, 5):
            _train(store, profile.id, 29 - week * 7 - day)
    page = open_test_page(window, profile)
    assert REFERRAL not in one(page, "resultSummary").toPlainText()   # one test only
    click(qtbot, page, "newTestButton")
    enter_test(qtbot, page, left_now, "11", JOINT_LEFT)
    summary = one(page, "resultSummary").toPlainText()
    assert (REFERRAL in summary) is referred
    if referred:
        assert "Left: 12 sessions trained this ankle over 4 weeks, and it went from 6.0 cm to " \
               "6.5 cm" in summary
        assert "bony block" in summary
        assert "Right: 12 sessions" not in summary          # the right side is normal
    else:
        assert "Improvement" in summary                    # +2.5 cm: a real change


def test_irregular_training_does_not_refer(qtbot, window, store, profile):
    _baseline(store, profile.id, 6.0, 11.0, days_ago=30)
    for days in (25, 12):                                   # two sessions in four weeks
        _train(store, profile.id, days)
    page = open_test_page(window, profile)
    click(qtbot, page, "newTestButton")
    enter_test(qtbot, page, "6,5", "11", JOINT_LEFT)
    assert REFERRAL not in one(page, "resultSummary").toPlainText()


def test_a_fist_width_too_large_is_refused_in_words_about_a_fist(qtbot, window, profile):
    page = open_test_page(window, profile)
    answer_safety(qtbot, page)
    click(qtbot, page, "measureResolution_0.1")
    type_into(qtbot, page, "kneeToWallLeft", "8,6")
    type_into(qtbot, page, "kneeToWallRight", "8.4")
    click(qtbot, page, "testNextButton")
    type_into(qtbot, page, "fistWidthEdit", "25")
    click(qtbot, page, "testNextButton")
    assert page.wizard.current_step() is page.wizard.fistWidth   # refused, still here
    message = page.wizard.fistWidth.ownField.message.text()
    assert message == "More than 20 cm is wider than any fist; check the number."
    assert "ankle" not in message
