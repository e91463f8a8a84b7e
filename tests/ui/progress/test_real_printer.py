"""Printing on a real CUPS queue (cups-pdf): the demo profile's progress report and its
home-programme handout go through the app's print path (the printer and renderer behind
its print previews) to the queue, and what CUPS printed is read back: its pages, and ink
on each, about as much as on the PDF the app saves of the same thing.

These skip only where there is no cups-pdf queue (the reason says so); `.ci/run` sets one
up and then sets ANKLE_GUI_REQUIRE_REAL_PRINTER, so on CI they run."""

from __future__ import annotations

import os

import pytest

from ankle_gui.store.demo import add_demo_profile
from ankle_gui.ui.common.current_profile import CurrentProfile

pytestmark = [pytest.mark.real_printer, pytest.mark.slow, pytest.mark.timeout(180)]

# The printed page against the saved PDF of the same content: the same text and drawings,
# through Ghostscript and cups-pdf's own fonts instead of Qt's PDF writer.
INK_RATIO = (0.75, 1.33)     # 1.02 and 1.07 when this was written
SOME_INK = 0.005      # a page with nothing on it has none; the report has several per cent


def skip_or_fail(reason: str) -> None:
    # .ci/run sets up the queue and sets this: there, a missing queue is a failure.
    if os.environ.get("ANKLE_GUI_REQUIRE_REAL_PRINTER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def queue(qapp):
    from real_printer import QUEUE, missing

    reason = missing()
    if reason:
        skip_or_fail(reason)
    return QUEUE


@pytest.fixture
def job():
    from real_printer import PrintJob

    printed = PrintJob()
    yield printed
    printed.remove()


@pytest.fixture
def demo(wall, store, catalogue):
    return add_demo_profile(store, catalogue, today=wall())


def send(printer, renderer, queue: str, title: str) -> int:
    """What the preview's Print button does once the person has picked the queue."""
    from PySide6.QtGui import QPageLayout

    from ankle_gui.printing.paper import MARGIN_MM

    printer.setPrinterName(queue)
    assert printer.printerName() == queue and printer.isValid()
    margins = printer.pageLayout().margins(QPageLayout.Unit.Millimeter)
    assert [round(m, 1) for m in (margins.left(), margins.top(), margins.right(),
                                  margins.bottom())] == [MARGIN_MM] * 4
    printer.setDocName(title)
    return renderer.paint(printer)


def paper_of(printer) -> str | None:
    """The app's name for the printer's paper, for the saved PDF to match."""
    from ankle_gui.printing.paper import PAPERS

    size = printer.pageLayout().pageSize().id()
    return next((name for name, known in PAPERS.items() if known == size), None)


def check_printed(printed, saved, tmp_path, pages: int) -> None:
    from real_printer import ink
    from real_printer import pages as pdf_pages

    assert pdf_pages(printed) == pages
    on_paper = ink(printed, tmp_path)
    on_file = ink(saved, tmp_path)
    assert len(on_paper) == len(on_file) == pages
    for number, (paper, file) in enumerate(zip(on_paper, on_file, strict=True), start=1):
        assert paper > SOME_INK, f"page {number} came out blank ({paper:.4f} ink)"
        low, high = INK_RATIO
        assert low * file <= paper <= high * file, (
            f"page {number}: {paper:.4f} ink on paper, {file:.4f} in the saved PDF")


def test_the_progress_report_prints_on_one_page(wall, qtbot, store, catalogue, demo, queue, job,
                                                tmp_path):
    from ankle_gui.printing.report import write_pdf
    from ankle_gui.ui.progress.progress_page import ProgressPage

    current = CurrentProfile(store)
    current.set(demo)
    page = ProgressPage(store, current, catalogue, clock=wall)
    qtbot.addWidget(page)
    dialog = page.actions.print_preview()
    qtbot.addWidget(dialog)

    laid_out = send(dialog.printer, dialog.renderer, queue, job.title("progress report"))
    assert laid_out == 1
    printed = job.wait()
    saved = tmp_path / "saved.pdf"
    assert write_pdf(dialog.renderer.content, saved, paper_of(dialog.printer)) == 1
    check_printed(printed, saved, tmp_path, pages=1)
    dialog.close()


def test_the_home_programme_handout_prints_on_its_pages(wall, qtbot, store, catalogue, demo, queue,
                                                        job, tmp_path):
    from ankle_gui.printing.handout import save_handout_pdf
    from ankle_gui.ui.progress.handout import print_handout

    dialog = print_handout(store, catalogue, demo.id, printed_on=wall().date())
    qtbot.addWidget(dialog)
    dialog.close()     # the preview's printer and renderer are what its Print button uses

    pages = send(dialog.printer, dialog.renderer, queue, job.title("home programme"))
    assert 1 <= pages <= 2
    printed = job.wait()
    saved = tmp_path / "saved.pdf"
    assert save_handout_pdf(store, catalogue, demo.id, saved, paper_of(dialog.printer),
                            printed_on=wall().date()) == pages
    check_printed(printed, saved, tmp_path, pages=pages)
