"""The drill catalogue: the shipped file is valid, and broken entries are named."""

from __future__ import annotations

import copy
import json
import re

import pytest

from ankle_gui.core.catalogue import (
    CatalogueError,
    Equipment,
    Mode,
    Purpose,
    parse_catalogue,
    read_resource_text,
)

REQUIRED_IDS = {
    "banded_mob_front", "banded_mob_back", "talar_glide_mwm", "tibial_glide_mwm",
    "half_kneeling_lunge", "half_kneeling_lunge_3way", "half_kneeling_lunge_weighted",
    "half_kneeling_lunge_tibial_ir", "standing_wall_lunge", "elevated_lunge",
    "incline_knee_bends", "knee_circles", "wall_calf_stretch", "downward_dog_alternating",
    "downward_dog_walks", "step_stretch", "side_lunge_to_pyramid", "toe_balance_forward_bend",
    "biphasic_stretch", "trigger_point_rolling", "calf_rolling", "shin_rolling",
    "massage_stick_calf", "deep_flexor_release", "manual_talus_mob", "ankle_3way_mob",
    "calf_raises_step", "calf_pyramid",
}


@pytest.fixture
def raw():
    return json.loads(read_resource_text("drills.json"))


def test_shipped_catalogue_has_every_drill_from_the_articles(catalogue):
    assert REQUIRED_IDS <= {d.id for d in catalogue}
    assert {d.purpose for d in catalogue} == set(Purpose)


def test_doses_match_the_articles(catalogue):
    front = catalogue.get("banded_mob_front")
    assert (front.dose["reps"].low, front.dose["reps"].high) == (10, 15)
    assert (front.dose["rounds"].low, front.dose["rounds"].high) == (1, 2)
    bi = catalogue.get("biphasic_stretch")
    assert bi.mode is Mode.BIPHASIC
    assert (bi.dose["oscillation_s"].low, bi.dose["oscillation_s"].high) == (30, 45)
    assert (bi.dose["hold_s"].low, bi.dose["hold_s"].high) == (60, 120)
    assert bi.positions == ("knee straight", "knee bent")
    three_way = catalogue.get("ankle_3way_mob")
    assert (three_way.dose["per_direction"].low, three_way.dose["per_direction"].high) == (15, 20)
    assert set(three_way.directions) == {"in", "out", "straight"}
    tp = catalogue.get("trigger_point_rolling")
    assert (tp.dose["work_s"].low, tp.dose["work_s"].high) == (45, 90)
    pyramid = catalogue.get("calf_pyramid")
    assert (pyramid.dose["reps"].low, pyramid.dose["reps"].high) == (8, 12)
    assert (pyramid.dose["rest_s"].low, pyramid.dose["rest_s"].high) == (15, 30)


def test_every_drill_cites_one_of_the_four_articles(catalogue):
    assert {d.source.seed for d in catalogue} == {"000", "001", "002", "003"}


def test_filters(catalogue):
    bands = catalogue.filtered(equipment=Equipment.BAND)
    assert bands and all(Equipment.BAND in d.equipment for d in bands)
    joint_bands = catalogue.filtered(Purpose.JOINT, Equipment.BAND)
    assert {"banded_mob_front", "banded_mob_back"} <= {d.id for d in joint_bands}


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.pop("name"), "'name': is missing"),
    (lambda d: d.update(purpose="cardio"), "'purpose': 'cardio' is not one of"),
    (lambda d: d.update(mode="forever"), "'mode'"),
    (lambda d: d.update(equipment=[]), "'equipment': must be a non-empty list"),
    (lambda d: d.update(equipment=["band", "trampoline"]), "'equipment'"),
    (lambda d: d.update(equipment=["band", "none"]), "'none' can only come first"),
    (lambda d: d["dose_source"].pop("reps"), "'dose_source.reps': must say"),
    (lambda d: d["dose_source"].update(reps={"from": "seed"}), "must quote it"),
    (lambda d: d["dose_source"].update(speed={"from": "app"}), "names no dose field"),
    (lambda d: d["dose"].pop("reps"), "'dose.reps': is required"),
    (lambda d: d["dose"].update(reps=[15, 10]), "'dose.reps': range 15..10"),
    (lambda d: d["dose"].update(reps=[0, 10]), "'dose.reps': must be at least 1"),
    (lambda d: d["dose"].update(reps="ten"), "'dose.reps': must be a list of two"),
    (lambda d: d["dose"].update(speed=[1, 2]), "'dose.speed': unknown dose key"),
    (lambda d: d.update(per_side="yes"), "'per_side'"),
    (lambda d: d.update(setup=[]), "'setup': must not be empty"),
    (lambda d: d.update(cues=["ok", ""]), "'cues'"),
    (lambda d: d.update(source="wikipedia"), "'source': 'wikipedia'"),
    (lambda d: d.update(rep_cue=""), "'rep_cue': is required"),
    (lambda d: d.update(id="Banded Mob"), "'id': must be lower-case snake_case"),
    (lambda d: d.update(colour="red"), "'colour': is not a known field"),
])
def test_a_broken_entry_names_the_entry_and_field(raw, mutate, message):
    data = copy.deepcopy(raw)
    entry = next(d for d in data["drills"] if d["id"] == "banded_mob_front")
    mutate(entry)
    with pytest.raises(CatalogueError) as excinfo:
        parse_catalogue(data)
    text = str(excinfo.value)
    assert message in text
    named_as = entry.get("id") if isinstance(entry.get("id"), str) else "#5"
    assert f"drill {named_as!r}" in text or named_as in text


def test_duplicate_ids_are_refused(raw):
    data = copy.deepcopy(raw)
    data["drills"].append(copy.deepcopy(data["drills"][4]))
    with pytest.raises(CatalogueError, match="more than one drill"):
        parse_catalogue(data)


def test_dose_text_reads_like_a_prescription(catalogue):
    text = catalogue.get("banded_mob_front").dose_text()
    assert "10–15 reps" in text and "1–2 rounds" in text and "each ankle in turn" in text


# Words in a drill's text that name a piece of kit. "ball of the foot" and "step into" are
# a body part and a move, not kit.
KIT_WORDS = {
    Equipment.STICK: r"\bstick\b",
    Equipment.ROLLER: r"\broller\b",
    Equipment.BAND: r"\bband\b",
    Equipment.BALL: r"\bball\b(?! of)",
    Equipment.WALL: r"(?<!-)\bwall\b",  # not the knee-to-wall test named in a cue
    Equipment.STEP: r"\b(?:a|the) step\b",
}
# A sentence that offers the kit as a choice or a safety aid ("a rail or wall", "if you need
# balance") does not make the drill need it.
OPTIONAL = re.compile(r"\bor\b|\bif you\b|\bnearby\b|\bin case\b")


def _sentences(drill) -> list[str]:
    return [drill.name, *drill.setup, *drill.cues]


@pytest.mark.parametrize("kit", list(KIT_WORDS))
def test_kit_a_drill_needs_is_in_its_equipment(catalogue, kit):
    word = re.compile(KIT_WORDS[kit], re.IGNORECASE)
    missing = [d.id for d in catalogue
               if kit not in d.equipment
               and any(word.search(s) and not OPTIONAL.search(s) for s in _sentences(d))]
    assert missing == []


@pytest.mark.parametrize("kit", [Equipment.STICK, Equipment.ROLLER, Equipment.BAND,
                                 Equipment.BALL])
def test_listed_kit_is_named_in_the_drill(catalogue, kit):
    # A massage stick rolls, but it is no roller: the filter must not offer it as one.
    word = re.compile(KIT_WORDS[kit], re.IGNORECASE)
    unnamed = [d.id for d in catalogue
               if kit in d.equipment and not any(word.search(s) for s in _sentences(d))]
    assert unnamed == []


def test_every_kind_of_equipment_has_a_drill_and_a_plain_label(catalogue):
    used = {e for d in catalogue for e in d.equipment}
    assert used == set(Equipment)
    labels = [e.label for e in Equipment]
    assert len(set(labels)) == len(labels)
    assert all(label[0].isupper() and "_" not in label for label in labels)
    assert Equipment.STICK.label == "Massage stick"
