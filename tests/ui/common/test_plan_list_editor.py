"""The one plan-list editor that the Test page's plan and the Train page's session share."""

from __future__ import annotations

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.ui.common.plan_list_editor import PlanListEditor


def _editor(qtbot, catalogue, name="plan", with_reasons=True):
    editor = PlanListEditor(catalogue, name, with_reasons=with_reasons)
    qtbot.addWidget(editor)
    return editor


def _items(catalogue):
    per_side = next(d for d in catalogue.drills if d.per_side and d.runnable)
    together = next(d for d in catalogue.drills if not d.per_side and d.runnable)
    return [plan_item_for(catalogue, per_side.id, Side.LEFT, reason="Left: joint"),
            plan_item_for(catalogue, together.id)]


def test_object_names_follow_the_page_name(qtbot, catalogue):
    for name in ("plan", "session"):
        editor = _editor(qtbot, catalogue, name)
        assert [w.objectName() for w in (editor.list, editor.upButton, editor.downButton,
                                         editor.removeButton)] == \
            [f"{name}List", f"{name}UpButton", f"{name}DownButton", f"{name}RemoveButton"]


def test_one_wording_for_sides_and_reasons_only_where_asked(qtbot, catalogue):
    with_reasons = _editor(qtbot, catalogue)
    without = _editor(qtbot, catalogue, "session", with_reasons=False)
    for editor in (with_reasons, without):
        editor.set_items(_items(catalogue))
        assert "left only" in editor.list.item(0).text()
        assert "both ankles together" in editor.list.item(1).text()
    assert "Why: Left: joint" in with_reasons.list.item(0).text()
    assert "Why" not in without.list.item(0).text()
    assert without.list.item(0).toolTip() == "Left: joint"


def test_move_remove_and_re_dose_change_the_items_and_say_so(qtbot, catalogue):
    editor = _editor(qtbot, catalogue)
    first, second = _items(catalogue)
    editor.set_items([first, second])
    assert editor.list.currentRow() == 0 and not editor.upButton.isEnabled()
    with qtbot.waitSignal(editor.edited):
        editor.downButton.click()
    assert editor.items() == [second, first] and editor.list.currentRow() == 1
    assert editor.list.item(1).text().startswith("2. ")
    redosed = first._replace(sides=Side.RIGHT)
    with qtbot.waitSignal(editor.edited):
        editor.doseEditor.changed.emit(redosed)
    assert editor.items() == [second, redosed] and "right only" in editor.list.item(1).text()
    with qtbot.waitSignal(editor.edited):
        editor.removeButton.click()
    assert editor.items() == [second] and editor.list.currentRow() == 0
    editor.removeButton.click()
    assert editor.items() == [] and not editor.removeButton.isEnabled()
