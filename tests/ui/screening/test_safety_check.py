"""The guided test's safety check and "Can't do it, or it hurts" through the real widgets
(issue 22 §1): what a yes changes in the steps that follow, what is stored, and what the
results and the plan say."""

from __future__ import annotations

from test_screening_page import (
    answer_safety,
    click,
    enter_test,
    one,
    open_test_page,
    type_into,
)

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.prescription import MAINTENANCE_DRILLS, SOFT_TISSUE_DRILLS
from ankle_gui.core.records import Felt, MeasurementKind, Side

SOFT_BOTH = {"feltStraightLeft": Felt.BACK, "feltBentLeft": Felt.BACK,
             "feltStraightRight": Felt.BACK, "feltBentRight": Felt.BACK}


def test_a_follow_up_question_appears_only_after_a_yes(qtbot, main_window, profile):
    page = open_test_page(main_window, profile)
    legs = page.wizard.safetyLegs
    follow_up = one(page, "safetyWeightClearedLeft")
    assert not follow_up.isVisible()
    click(qtbot, page, "safetyFractureLeft_True")
    assert follow_up.isVisible() and not one(page, "safetyWeightClearedRight").isVisible()
    click(qtbot, page, "testNextButton")                      # the rest is unanswered
    assert page.wizard.current_step() is legs
    assert "still open" in one(page, "safetyLegsMessage").text()
    click(qtbot, page, "safetyFractureLeft_False")            # the follow-up goes again
    assert not follow_up.isVisible() and follow_up.value() is None


def test_a_calf_with_clot_signs_is_not_tested_and_everything_waits_for_a_doctor(
        qtbot, main_window, store, profile):
    page = open_test_page(main_window, profile)
    wizard = page.wizard
    answer_safety(qtbot, page, {"safetyCalfLeft"})
    assert wizard.current_step() is wizard.kneeToWall
    assert not one(page, "kneeToWallLeft").isEnabled()
    assert "possible blood clot" in one(page, "notTestedLeft").text()
    assert wizard.stepLabel.text().startswith("Step 3 of 6")
    type_into(qtbot, page, "kneeToWallRight", "7")
    click(qtbot, page, "measureResolution_0.1")
    click(qtbot, page, "testNextButton")
    click(qtbot, page, "fistMen")
    click(qtbot, page, "testNextButton")
    assert not one(page, "feltStraightLeft").isEnabled()      # nothing to feel on that side
    click(qtbot, page, "feltStraightRight_back")
    click(qtbot, page, "feltBentRight_back")
    click(qtbot, page, "testNextButton")
    assert wizard.squat.skipped and one(page, "squatSkipped").isVisible()
    click(qtbot, page, "saveTestButton")

    results = store.results.for_profile(profile.id)
    assert {(r.test, r.side) for r in results} == {
        (MeasurementKind.KNEE_TO_WALL, Side.RIGHT), (MeasurementKind.FIST_SCREEN, Side.RIGHT),
        (MeasurementKind.FELT_LIMIT, Side.RIGHT)}              # no squat, no left numbers
    [record] = store.results.records(profile.id).values()
    assert record.safety.yes("calf", Side.LEFT)
    summary = one(page, "resultSummary").toPlainText()
    assert "See a doctor today" in summary and "Possible blood clot in the calf" in summary
    assert "Not tested" in summary and "Squat: not done today" in summary
    editor = page.planEditor
    assert editor.items() == []                               # nothing until a doctor has seen it
    assert "Held back until a clinician has seen you: Trigger-point calf rolling (right), " \
           "Bi-phasic calf stretch (right), Calf raises off a step, Escalating calf pyramid" \
        in editor.why.text()
    assert "Wells et al. 1997" in summary                      # the rule's source


def test_a_blood_thinner_holds_back_the_rolling_and_names_it(qtbot, main_window, store,
                                                             profile):
    page = open_test_page(main_window, profile)
    enter_test(qtbot, page, "6", "6,5", SOFT_BOTH, safety={"safetyBloodThinners"})
    drills = [i.drill_id for i in page.planEditor.items()]
    assert "trigger_point_rolling" not in drills and "biphasic_stretch" in drills
    assert drills[-2:] == list(MAINTENANCE_DRILLS)
    summary = one(page, "resultSummary").toPlainText()
    assert "See a clinician first" in summary and "Taking a blood thinner" in summary
    assert "Held back until then: rolling and hard pressure on the calf or shin" in summary
    # Adding it back by hand is allowed (a clinician may), but the page warns.
    combo = one(page, "planAddCombo")
    combo.setCurrentIndex(combo.findData("trigger_point_rolling"))
    click(qtbot, page, "planAddButton")
    assert "held back by the safety check" in page.planEditor.state.text()
    assert set(SOFT_TISSUE_DRILLS) <= {i.drill_id for i in page.planEditor.items()}


def test_cant_do_it_or_it_hurts_stores_no_number_and_sends_to_a_clinician(
        qtbot, main_window, store, profile):
    page = open_test_page(main_window, profile)
    wizard = page.wizard
    answer_safety(qtbot, page)
    type_into(qtbot, page, "kneeToWallLeft", "8")
    one(page, "unableLeft").click()
    assert one(page, "kneeToWallLeft").text() == "" and not one(page, "kneeToWallLeft").isEnabled()
    type_into(qtbot, page, "kneeToWallRight", "7.5")
    click(qtbot, page, "measuredBy_clinician")
    click(qtbot, page, "measureResolution_0.5")
    click(qtbot, page, "testNextButton")
    click(qtbot, page, "fistMen")
    click(qtbot, page, "testNextButton")
    for name in ("feltStraightRight", "feltBentRight"):
        click(qtbot, page, f"{name}_front")
    click(qtbot, page, "testNextButton")
    click(qtbot, page, "squatHeelsDown_False")
    click(qtbot, page, "saveTestButton")
    ktw = {r.side: r for r in store.results.for_profile(profile.id, MeasurementKind.KNEE_TO_WALL)}
    assert set(ktw) == {Side.RIGHT}
    assert (ktw[Side.RIGHT].measured_by, ktw[Side.RIGHT].resolution_cm) == (
        Measurer.CLINICIAN, 0.5)
    [record] = store.results.records(profile.id).values()
    assert record.safety.unable == {Side.LEFT}
    summary = one(page, "resultSummary").toPlainText()
    assert "The test could not be done, or it hurt" in summary
    assert "2.4 cm" in summary          # a clinician's 1.9 cm plus the 0.5 cm steps
    assert wizard is page.wizard


def test_who_measured_and_how_finely_must_be_said(qtbot, main_window, profile):
    page = open_test_page(main_window, profile)
    answer_safety(qtbot, page)
    type_into(qtbot, page, "kneeToWallLeft", "8")
    type_into(qtbot, page, "kneeToWallRight", "9")
    click(qtbot, page, "testNextButton")
    assert page.wizard.current_step() is page.wizard.kneeToWall
    assert one(page, "kneeToWallMessage").text() == "Say who measured and how finely."
    click(qtbot, page, "measureResolution_2.54")
    assert not one(page, "kneeToWallMessage").isVisible()
    click(qtbot, page, "testNextButton")
    assert page.wizard.current_step() is page.wizard.fistWidth
