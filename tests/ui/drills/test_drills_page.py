"""Browsing the catalogue."""

from __future__ import annotations

from ankle_gui.core.catalogue import Equipment, Purpose
from ankle_gui.core.handout import build_handout
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.printing.report_html import FITS, report_html
from ankle_gui.services.reports import report_content
from ankle_gui.ui.common.plan_list_editor import PlanListEditor
from ankle_gui.ui.drills.drills_page import DrillsPage


def test_lists_everything_and_filters(qtbot, catalogue):
    page = DrillsPage(catalogue)
    qtbot.addWidget(page)
    assert page.list.count() == len(catalogue)
    page.purposeFilter.setCurrentIndex(page.purposeFilter.findData(Purpose.JOINT.value))
    page.equipmentFilter.setCurrentIndex(page.equipmentFilter.findData(Equipment.BAND.value))
    shown = page.visible_drills()
    assert page.list.count() == len(shown) > 0
    assert all(d.purpose is Purpose.JOINT and Equipment.BAND in d.equipment for d in shown)
    assert f"{len(shown)} of {len(catalogue)}" in page.countLabel.text()


def test_detail_shows_steps_dose_and_source(qtbot, catalogue):
    page = DrillsPage(catalogue)
    qtbot.addWidget(page)
    page.select("biphasic_stretch")
    text = page.detail.toPlainText()
    drill = catalogue.get("biphasic_stretch")
    assert drill.name in text
    assert drill.setup[0] in text
    assert "30–45 s" in text and "60–120 s" in text
    assert "Rusin" in text


def test_no_match_says_how_to_widen(qtbot, catalogue):
    page = DrillsPage(catalogue)
    qtbot.addWidget(page)
    page.purposeFilter.setCurrentIndex(page.purposeFilter.findData(Purpose.ASSESSMENT.value))
    page.equipmentFilter.setCurrentIndex(page.equipmentFilter.findData(Equipment.WEIGHT.value))
    assert page.list.count() == 0
    assert "No drill matches" in page.detail.toPlainText()


def test_the_massage_stick_is_its_own_filter_and_not_a_roller(qtbot, catalogue):
    page = DrillsPage(catalogue)
    qtbot.addWidget(page)
    labels = [page.equipmentFilter.itemText(i) for i in range(page.equipmentFilter.count())]
    assert "Massage stick" in labels and "Foam roller" in labels
    page.equipmentFilter.setCurrentIndex(page.equipmentFilter.findText("Massage stick"))
    assert [d.id for d in page.visible_drills()] == ["massage_stick_calf"]
    page.select("massage_stick_calf")
    assert "Massage stick" in page.detail.toPlainText()
    page.equipmentFilter.setCurrentIndex(page.equipmentFilter.findText("Foam roller"))
    assert "massage_stick_calf" not in {d.id for d in page.visible_drills()}


def test_a_drill_done_on_each_ankle_reads_the_same_here_as_in_the_handout_and_the_plans(wall,
        qtbot, catalogue, store, profile):
    drill = catalogue.get("banded_mob_front")
    assert drill.per_side
    item = plan_item_for(catalogue, drill.id, Side.BOTH)
    words = "Each ankle in turn"
    [handout] = build_handout("Sam", [item], catalogue, printed_on=wall().date()).drills
    assert handout.side_words.startswith(words)          # "…, left first"

    page = DrillsPage(catalogue)
    qtbot.addWidget(page)
    page.select(drill.id)
    detail = page.detail.toPlainText()
    assert words in detail and words.lower() in drill.dose_text()
    assert "separately" not in detail and "each side" not in detail

    editor = PlanListEditor(catalogue, "plan", with_reasons=False)
    qtbot.addWidget(editor)
    editor.set_items([item])
    assert words.lower() in editor.list.item(0).text()
    assert editor.doseEditor.sides.currentText() == words

    store.plans.save(profile.id, [item], 3)
    content = report_content(store, profile, catalogue, now=wall().timestamp())
    html = report_html(content, FITS[0], 100, 100, None)
    assert f"{words.lower()} \u00b7 " in html
