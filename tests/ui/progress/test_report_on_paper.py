"""The report on paper: no text under 8 pt (measured on the rendered page), the page used,
and the two sides' markers told apart in black and white."""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import numpy as np
import pytest
from helpers import TODAY
from paper_charts import paint_paper_charts
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QImage, QPainter, QPdfWriter

from ankle_gui.core.progress import build_view
from ankle_gui.core.records import Side
from ankle_gui.core.units import Unit
from ankle_gui.printing.palette import RETEST_SYMBOLS, SYMBOLS
from ankle_gui.printing.paper import IMAGE_DPI
from ankle_gui.printing.report import write_pdf
from ankle_gui.printing.report_html import MIN_PT
from ankle_gui.services.reports import report_content
from ankle_gui.store.demo import add_demo_profile

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) are needed to read the PDF back")


WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                  r'([^<]*)</word>')


def _words(pdf) -> list[tuple[str, float, float]]:
    """Every word of the page's text: (text, box height in points, bottom in points)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [(text, float(y1) - float(y0), float(y1)) for y0, y1, text in WORD.findall(html)]


def _box_per_pt(tmp_path) -> float:
    """poppler's word box is the font's ascent + descent: its height for 1 pt of the
    report's font, from a PDF with one word set at a known 20 pt."""
    path = tmp_path / "ruler.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(20)
    painter.setFont(font)
    painter.drawText(QPointF(200, 600), "Ruler")
    painter.end()
    del writer
    return _words(path)[0][1] / 20


@needs_poppler
def test_no_text_on_the_page_is_under_8_pt(wall, qapp, store, catalogue, tmp_path):
    profile = add_demo_profile(store, catalogue, today=wall())
    out = tmp_path / "report.pdf"
    write_pdf(report_content(store, profile, catalogue, range_key="all",
                             now=wall().timestamp()), out, "a4")
    words = _words(out)
    assert len(words) > 200
    smallest = min(h for _, h, _ in words) / _box_per_pt(tmp_path)
    # Qt sets type in whole pixels of the 300 dpi page (0.24 pt each): 8 pt prints as 7.92.
    assert smallest >= MIN_PT - 0.25, f"the smallest text is {smallest:.2f} pt"
    # And the ruler reads true: the title is the largest type, about twice the body's.
    title = [h for text, h, _ in words if text == "mobility"][0] / _box_per_pt(tmp_path)
    assert 15 <= title <= 18


def _ink_rows(mask: np.ndarray) -> int:
    rows = np.flatnonzero(mask.any(axis=1))
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0


def _gray(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), np.uint8, image.bytesPerLine() * height)
    return data.reshape(height, image.bytesPerLine())[:, :width].copy()


def _reference_ink(text: str, family: str, pt: float, dpi: int) -> int:
    """The ink height of ``text`` set at ``pt`` points and rendered at ``dpi``."""
    image = QImage(4000, 400, QImage.Format.Format_Grayscale8)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    font = QFont(family)
    font.setPointSizeF(pt)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, 4000, 400), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return _ink_rows(_gray(image) < 160)


def test_every_text_in_the_printed_chart_is_at_least_8_pt(wall, qapp, store, catalogue):
    """Paint the charts as the report does, then again with every text left out: the
    difference is the text alone. Each label's ink must be as tall as the same words set at
    8 pt (the legends of the small charts used to print at about 3 pt)."""
    profile = add_demo_profile(store, catalogue, today=wall())
    view = build_view(store.progress.load(profile.id), "all", TODAY.timestamp())
    width_px, height_px = 2100, 1100  # about 18 cm x 9 cm at the report's 300 dpi
    shown, drawn = paint_paper_charts(view, Unit.CM, width_px, height_px)
    bare, _ = paint_paper_charts(view, Unit.CM, width_px, height_px, with_text=False)
    ink = np.abs(_gray(shown).astype(int) - _gray(bare).astype(int)) > 96
    assert len(drawn.texts) >= 10  # titles, values, dates and every key's words
    for text, font, rect in drawn.texts:
        top, bottom = int(rect.top()), int(rect.bottom()) + 1
        left, right = int(rect.left()), int(rect.right()) + 1
        measured = _ink_rows(ink[max(top, 0):bottom, max(left, 0):right])
        expected = _reference_ink(text, font.family(), MIN_PT, IMAGE_DPI)
        assert measured >= expected - 2, (
            f"{text!r} prints {measured} px tall, the same at {MIN_PT} pt is {expected} px")


@needs_poppler
def test_the_page_lists_every_test_day_that_fits(wall, qapp, store, catalogue, tmp_path):
    profile = add_demo_profile(store, catalogue, today=wall())
    content = report_content(store, profile, catalogue, range_key="all", now=wall().timestamp())
    out = tmp_path / "report.pdf"
    write_pdf(content, out, "a4")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    total = len(content.recent)
    assert total == 11
    listed = sum(1 for t, _, _ in content.recent
                 if time.strftime("%Y-%m-%d", time.localtime(t)) in text)
    assert listed >= 6  # it was 3 of 11 with a quarter of the page blank
    # The last line of text sits in the bottom sixth of the text area (A4, 14 mm margins).
    text_top, text_bottom = 39.7, 842 - 39.7
    assert max(bottom for _, _, bottom in _words(out)) > text_bottom - (
        text_bottom - text_top) / 6


def test_black_and_white_markers_differ_by_shape(wall, qapp, store, catalogue):
    shapes = {SYMBOLS[Side.LEFT], SYMBOLS[Side.RIGHT], RETEST_SYMBOLS[Side.LEFT],
              RETEST_SYMBOLS[Side.RIGHT]}
    # Left's test and retest are both circles (filled and open): three shapes in all.
    assert len(shapes) == 3
    assert RETEST_SYMBOLS[Side.RIGHT] != SYMBOLS[Side.RIGHT]
    profile = add_demo_profile(store, catalogue, today=wall())
    view = build_view(store.progress.load(profile.id), "all", TODAY.timestamp())
    _, drawn = paint_paper_charts(view, Unit.CM, 2100, 1100)
    assert drawn.symbols["right"] != drawn.symbols["right retests"]
    assert drawn.symbols["left"] != drawn.symbols["right"]
    assert len(drawn.points["right retests"]) > 0
    assert len(drawn.points["left"]) == len(view.series[Side.LEFT]) > 0


@needs_poppler
def test_the_plan_heading_stands_clear_of_the_table_above_it(wall, qapp, store, catalogue,
                                                             tmp_path):
    """'Current plan' follows the test days' table with the room 'Recent tests' has after
    the paragraph above it, not a hairline under the table's last rule."""
    profile = add_demo_profile(store, catalogue, today=wall())
    out = tmp_path / "report.pdf"
    content = report_content(store, profile, catalogue, range_key="all", now=wall().timestamp())
    assert write_pdf(content, out, "a4") == 1
    html = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    boxes = {text: (float(y0), float(y1)) for y0, y1, text in reversed(WORD.findall(html))}
    dpi = 100
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(out),
                    str(tmp_path / "page")], check=True)
    ink = (_gray(QImage(str(tmp_path / "page.png"))) < 200).any(axis=1)  # grey rules too

    def blank_above(word: str) -> int:
        """Blank pixel rows between the word's ink and whatever is inked above it."""
        y0, y1 = (round(pt * dpi / 72) for pt in boxes[word])
        top = y0 + int(np.flatnonzero(ink[y0:y1 + 1])[0])
        return top - int(np.flatnonzero(ink[:top])[-1]) - 1

    after_paragraph, after_table = blank_above("Recent"), blank_above("Current")
    assert after_table >= after_paragraph - 1, \
        f"{after_table} px under the table, {after_paragraph} px under a paragraph"
    # The room is found elsewhere: the demo page lists six test days on the suite's TODAY,
    # a Monday, when "This week so far" takes a line (README); the shorter explanation of
    # issue 22 gave the sixth row back.
    assert "Latest 6 of 11" in subprocess.run(["pdftotext", str(out), "-"],
                                              capture_output=True, text=True,
                                              check=True).stdout
