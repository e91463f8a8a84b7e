"""The report's plan shows each planned drill's start and end poses, in black and white."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
from PySide6.QtGui import QImage

from ankle_gui.core.records import Side
from ankle_gui.printing.figures import figure_image
from ankle_gui.printing.report import write_pdf
from ankle_gui.services.reports import report_content
from ankle_gui.store.demo import add_demo_profile

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) are needed to read the PDF back")

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                  r'([^<]*)</word>')
DPI = 100


def _rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), np.uint8, image.bytesPerLine() * height)
    return data.reshape(height, image.bytesPerLine())[:, :width * 3].reshape(
        height, width, 3).astype(int)


def _colour_spread(rgb: np.ndarray) -> int:
    """How far any pixel is from grey: 0 for black, white and every grey between."""
    return int((rgb.max(axis=2) - rgb.min(axis=2)).max())


def test_a_figure_is_the_start_and_end_pose_in_grey(qapp, catalogue):
    drill = catalogue.get("biphasic_stretch")
    rgb = _rgb(figure_image(drill.poses, Side.RIGHT, 200, 120))
    ink = rgb.min(axis=2) < 128
    left, right = ink[:, :100], ink[:, 100:]
    assert left.sum() > 100 and right.sum() > 100  # a pose in each half
    assert (left != right).any()  # knee straight, then bent: two different poses
    assert _colour_spread(rgb) <= 6


@needs_poppler
def test_the_plan_lines_carry_grey_figures_on_the_one_page(wall, qapp, store, catalogue, tmp_path):
    profile = add_demo_profile(store, catalogue, today=wall())
    content = report_content(store, profile, catalogue, range_key="all", now=wall().timestamp())
    assert set(content.plan_poses) == {item.drill_id for item in content.plan}
    out = tmp_path / "report.pdf"
    assert write_pdf(content, out, "a4") == 1
    words = [(text, float(x0), float(y0), float(y1)) for x0, y0, y1, text in WORD.findall(
        subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True,
                       check=True).stdout)]
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-singlefile", str(out),
                    str(tmp_path / "page")], check=True)
    page = _rgb(QImage(str(tmp_path / "page.png")))

    def px(points: float) -> int:
        return round(points * DPI / 72)

    # Each drill's name starts to the right of its figure: ink left of the name, on its lines.
    for item in content.plan:
        first_word = content.plan_names[item.drill_id].split()[0]
        x0, y0, y1 = next((x0, y0, y1) for text, x0, y0, y1 in words
                          if text == first_word and x0 > 60)
        beside = page[px(y0) - 2:px(y1) + px(12), px(x0) - px(50):px(x0) - px(4)]
        assert (beside.min(axis=2) < 128).sum() > 20, f"no figure beside {first_word}"
    # The plan area, from its heading to the line after it, is grey only.
    top = next(y0 for text, _, y0, _ in words if text == "Current")
    # (The charts above print their words as text too: "Sessions per week".)
    bottom = next(y0 for text, _, y0, _ in words if text == "Sessions" and y0 > top)
    assert _colour_spread(page[px(top):px(bottom)]) <= 12
