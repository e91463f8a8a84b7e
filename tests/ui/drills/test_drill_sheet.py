"""The contact sheet for reviewing the drill figures (packaging/drill_sheet.py): one panel per
drill, labelled with the drill, its source article and how the catalogue describes it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ankle_gui.core.records import Side

SCRIPT = Path(__file__).resolve().parents[3] / "packaging" / "drill_sheet.py"


def _sheet_module():
    spec = importlib.util.spec_from_file_location("drill_sheet", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_panel_names_the_source_and_the_set_up(qapp, catalogue):
    sheet = _sheet_module()
    drill = catalogue.get("banded_mob_front")
    text = sheet.description(drill)
    assert drill.source.title in text and f"seed {drill.source.seed}" in text
    assert drill.summary in text and drill.setup[0] in text
    image = sheet.render_sheet([drill, catalogue.get("biphasic_stretch")], columns=2,
                               side=Side.RIGHT, mono=False)
    # two panels side by side, tall enough for the wrapped text and the poses
    assert image.width() > 2 * sheet.panel_width(catalogue.get("biphasic_stretch"))
    assert image.height() > sheet.CELL + sheet.text_height(drill, sheet.panel_width(drill))
