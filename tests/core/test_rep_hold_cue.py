"""A paced rep names the hold that was prescribed, never the catalogue's range."""

from __future__ import annotations

import re

import pytest

from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.core.steps import build_steps, rep_segments, with_rep_hold

CATALOGUE = load_catalogue()
HELD = [drill for drill in CATALOGUE.filtered(None) if drill.dose_range("rep_hold_s")]
RANGE = re.compile(r"\d+\s*–\s*\d+\s*s\b")


def test_some_drills_hold_each_rep():
    assert len(HELD) >= 4, [drill.id for drill in HELD]


@pytest.mark.parametrize("drill", HELD, ids=lambda drill: drill.id)
def test_every_rep_hold_shows_the_prescribed_seconds(drill):
    hold_range = drill.dose_range("rep_hold_s")
    for hold in range(hold_range.low, hold_range.high + 1):
        item = plan_item_for(CATALOGUE, drill.id, Side.LEFT, {"rep_hold_s": hold})
        counted = [s for s in build_steps([item], CATALOGUE) if s.kind.counts_reps]
        assert counted, drill.id
        for step in counted:
            holds = [seg for seg in rep_segments(step.rep_cue, step.rep_hold_s) if seg.is_hold]
            assert [seg.seconds for seg in holds] == [hold]
            assert f"{hold} s" in holds[0].text
            for text in (step.rep_cue, step.cue, holds[0].text):
                assert not RANGE.search(text), (drill.id, hold, text)


def test_the_hold_replaces_the_range_and_nothing_else():
    cue = "Knee forward – hold 1–2 s – back"
    assert with_rep_hold(cue, 2) == "Knee forward – hold 2 s – back"
    assert with_rep_hold(cue, None) == cue
    assert with_rep_hold("Forward – hold – back", 3) == "Forward – hold 3 s – back"
    assert with_rep_hold("Stretch 1 s – drive up – lower for 3 s", 2) == \
        "Stretch 2 s – drive up – lower for 3 s"
