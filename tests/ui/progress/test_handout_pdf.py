"""The printed home-programme handout: written to PDF and read back with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from helpers import TODAY

from ankle_gui.core.handout import NoPlan
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.printing.handout import save_handout_pdf
from ankle_gui.services.reports import handout_content

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) are needed to read the PDF back")


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def plan_of(catalogue, n: int):
    drills = [d for d in catalogue if d.runnable][:n]
    return [plan_item_for(catalogue, d.id, Side.LEFT if i % 2 else Side.BOTH)
            for i, d in enumerate(drills)]


def test_the_handout_names_who_where_when_and_each_drill(wall, qapp, store, catalogue, profile,
                                                          tmp_path):
    store.clinic.set_clinic_name("Riverside Physio")
    store.clinic.set_programme(profile.id, 2, 4, True, TODAY)
    store.plans.save(profile.id, plan_of(catalogue, 3), sessions_per_week=3)
    out = tmp_path / "handout.pdf"
    assert save_handout_pdf(store, catalogue, profile.id, out, "a4", printed_on=wall().date()) == 1
    assert pdf_pages(out) == 1
    text = pdf_text(out)
    handout = handout_content(store, catalogue, profile.id, printed_on=wall().date())
    assert "Sam" in text and "Riverside Physio" in text
    assert handout.printed_on.isoformat() in text
    assert "From your physio: do the whole programme twice a week" in text
    for drill in handout.drills:
        assert drill.name in text and drill.side_words in text
        first_words = " ".join(drill.setup[0].split()[:4])
        assert first_words in text and " ".join(drill.cues[0].split()[:4]) in text
    assert text.count("Mon Tue Wed Thu Fri Sat Sun") == 3
    assert text.count("\u2610") == 3 * 7                        # a week of boxes per drill
    assert not list(tmp_path.glob(".*.writing"))


@pytest.mark.parametrize("drills", [8, 11])
def test_a_long_plan_still_takes_two_pages(wall, qapp, store, catalogue, profile, tmp_path, drills):
    store.plans.save(profile.id, plan_of(catalogue, drills))
    out = tmp_path / "long.pdf"
    assert save_handout_pdf(store, catalogue, profile.id, out, "a4", printed_on=wall().date()) == 2
    assert pdf_pages(out) == 2
    text = pdf_text(out)
    assert f"{drills}. " in text and "Page 2 of 2" in text


def test_letter_paper_too(wall, qapp, store, catalogue, profile, tmp_path):
    store.plans.save(profile.id, plan_of(catalogue, 8))
    out = tmp_path / "letter.pdf"
    assert save_handout_pdf(store, catalogue, profile.id, out, "letter",
                            printed_on=wall().date()) <= 2


def test_no_plan_writes_nothing(wall, qapp, store, catalogue, profile, tmp_path):
    out = tmp_path / "none.pdf"
    with pytest.raises(NoPlan):
        save_handout_pdf(store, catalogue, profile.id, out, printed_on=wall().date())
    assert not out.exists()


def test_the_progress_page_saves_and_explains(wall, qtbot, store, catalogue, profile, tmp_path,
                                              monkeypatch):
    from ankle_gui.ui.common.current_profile import CurrentProfile
    from ankle_gui.ui.progress.progress_page import ProgressPage

    current = CurrentProfile(store)
    current.set(profile)
    page = ProgressPage(store, current, catalogue, clock=wall)
    qtbot.addWidget(page)
    page.show()
    assert page.handoutButton.isEnabled()        # no results needed, only a plan
    told = []
    monkeypatch.setattr(page.actions, "inform", lambda title, text, error=False:
                        told.append((title, text)))
    out = tmp_path / "Home programme"
    assert not page.save_handout_to(out)
    assert told and "no plan yet" in told[-1][1] and not out.with_suffix(".pdf").exists()
    assert page.print_handout() is None
    store.plans.save(profile.id, plan_of(catalogue, 2))
    with qtbot.waitSignal(page.actions.saved) as saved:
        assert page.save_handout_to(out)
    assert saved.args == ["Handout", out.with_suffix(".pdf")]
    assert pdf_pages(out.with_suffix(".pdf")) == 1
    preview = page.print_handout()
    assert preview is not None and preview.isVisible()
    preview.close()


def test_printing_takes_the_same_pages(wall, qapp, store, catalogue, profile, tmp_path):
    """What the print preview's Print does: the renderer on a QPrinter, page after page."""
    from PySide6.QtPrintSupport import QPrinter

    from ankle_gui.printing.handout import HandoutRenderer

    store.plans.save(profile.id, plan_of(catalogue, 8))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    renderer = HandoutRenderer(handout_content(store, catalogue, profile.id,
                                               printed_on=wall().date()))
    assert renderer.paint(printer) == 2
    del printer
    assert pdf_pages(out) == 2
