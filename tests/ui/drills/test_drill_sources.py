"""The Drills page says where each dose comes from (issue 22 §6)."""

from __future__ import annotations


def test_the_drills_page_shows_each_fields_origin(qtbot, catalogue):
    from ankle_gui.ui.drills.drills_page import drill_html

    html = drill_html(catalogue.get("banded_mob_front"))
    assert "Where the dose comes from" in html
    assert "from Risher, quoted: \u201cAfter you do 1 or 2 rounds of 10-15 lunges\u201d" in html
    assert "Rest (s) 30\u201360</b>: app default" in html
    tibial = drill_html(catalogue.get("tibial_glide_mwm"))
    assert "reader&#x27;s suggestion" in tibial or "reader's suggestion" in tibial
    assert "No equipment (ball optional)" in drill_html(catalogue.get("hands_on_calf_release"))
