"""Issue 22 §7 on paper: the report's safety and referral section and its grey band's label,
and the handout's pain rules, see-a-clinician, retest, sources and plan order; written to
PDF and read back with poppler, as a patient holds them."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Felt, Side
from ankle_gui.core.red_flags import SafetyAnswers
from ankle_gui.core.screening import Screening, SideScreening
from ankle_gui.printing.handout import save_handout_pdf
from ankle_gui.printing.report import write_pdf
from ankle_gui.services.reports import report_content
from ankle_gui.services.screening import ScreeningEntry, record_test

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftotext) is needed to read the PDF back")


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def _test_with(store, catalogue, profile, **yes) -> None:
    answers = {**SafetyAnswers.all_clear().answers, **yes}
    left = SideScreening(Side.LEFT, 6.0, False, Felt.BACK, Felt.BACK, 10.16,
                         Measurer.SELF, 0.1)
    right = SideScreening(Side.RIGHT, 13.0, True, Felt.NONE, Felt.NONE, 10.16,
                          Measurer.SELF, 0.1)
    record_test(store, catalogue, profile, ScreeningEntry(
        Screening(left, right, True, safety=SafetyAnswers(answers)), 10.16, ""))


def test_the_report_says_see_a_clinician_when_the_test_page_does(qapp, store, catalogue,
                                                                 profile, tmp_path, wall):
    _test_with(store, catalogue, profile, **{"achilles.left": True})
    out = tmp_path / "report.pdf"
    write_pdf(report_content(store, profile, catalogue, range_key="all",
                             now=wall().timestamp()), out, "a4")
    text = pdf_text(out)
    assert "Safety and referral: See a clinician first" in text
    assert "Achilles or heel-bone pain" in text and "Jonsson et al. 2008" in text
    assert "Held back until a clinician has seen you" in text
    # The grey band is what the sources call normal, not the range of healthy adults.
    assert "the normal range" not in text
    assert "normal by the training sources; above it is better, not out of range" in text
    assert "11.6 cm ± 4.0 cm (Calatayud et al. 2015)" in text


def test_no_safety_section_when_nothing_calls_for_one(qapp, store, catalogue, profile,
                                                      tmp_path, wall):
    _test_with(store, catalogue, profile)
    out = tmp_path / "report.pdf"
    write_pdf(report_content(store, profile, catalogue, range_key="all",
                             now=wall().timestamp()), out, "a4")
    assert "Safety and referral" not in pdf_text(out)


def test_the_handout_as_a_patient_reads_it(qapp, store, catalogue, profile, tmp_path, wall):
    plan = [plan_item_for(catalogue, "banded_mob_front", Side.LEFT, {"rep_hold_s": 2}),
            plan_item_for(catalogue, "tibial_glide_mwm", Side.LEFT),
            plan_item_for(catalogue, "calf_raises_step"),
            plan_item_for(catalogue, "calf_pyramid")]
    store.plans.save(profile.id, plan)
    out = tmp_path / "handout.pdf"
    save_handout_pdf(store, catalogue, profile.id, out, "a4", printed_on=wall().date())
    text = pdf_text(out)
    # Risher: weeks without change mean a clinician; when to retest; the pain rules.
    assert "No change after a few weeks of regular work? See a clinician" in text
    assert "When to retest: both ankles on the Test page every 4 weeks" in text
    assert "up to 3/10 pain if it has settled by the next morning" in text
    assert "5/10 or more: stop and see your physio" in text
    # Each drill's source, and which of its dose numbers are the app's.
    assert "Source: Risher. Dose: rounds, reps and hold per rep from the source; rest the " \
           "app's default." in text
    assert "Source: James, a running-rehab physio (a reader's suggestion" in text
    assert "reader's suggestion in the comments" in text
    assert "Source: Rusin. Dose: reps, hold per rep and rest from the source; rounds and " \
           "weight added each round the app's default." in text
    # In the plan's order, the pyramid last as planned, with no "first" to contradict it.
    names = ["Banded ankle mob – band in front", "Tibial glide MWM (band)",
             "Calf raises off a step", "Escalating calf pyramid"]
    at = [text.index(f"{n + 1}. {name}") for n, name in enumerate(names)]
    assert at == sorted(at)
    assert "first in a leg session" not in text
    # The dose's hold is the only hold said: no "Pause 1–2 s" beside "hold 2 s".
    assert "hold 2 s" in text and "Pause 1–2 s" not in text and "1-2 s" not in text


def test_the_handout_carries_the_safety_finding(qapp, store, catalogue, profile, tmp_path,
                                                wall):
    _test_with(store, catalogue, profile, blood_thinners=True)
    out = tmp_path / "handout.pdf"
    save_handout_pdf(store, catalogue, profile.id, out, "a4", printed_on=wall().date())
    text = pdf_text(out)
    assert "See a clinician first." in text and "Taking a blood thinner" in text
    assert "Trigger-point calf rolling" in text           # named as held back
    assert "1. Bi-phasic calf stretch" in text            # not in the plan's list
