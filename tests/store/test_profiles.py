"""Profiles: create, rename, delete, and the names that are refused."""

from __future__ import annotations

import pytest
from helpers import TODAY

from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.profile import ProfileNameError, clean_profile_name
from ankle_gui.core.records import Measurement, MeasurementKind, Side
from ankle_gui.core.units import Unit

BAD_NAMES = [
    ("", "Enter a name"),
    ("   ", "Enter a name"),
    ("\t\n", "Enter a name"),
    ("x" * 101, "100 characters"),
    ("Sam\x00", "control characters"),
    ("Sa\x07m", "control characters"),
    ("Sam\u200bWise", "control characters"),
]


@pytest.mark.parametrize(("raw", "message"), BAD_NAMES)
def test_bad_names_are_refused_with_a_message(store, raw, message):
    with pytest.raises(ProfileNameError, match=message):
        store.profiles.create(raw)
    assert store.profiles.count() == 0


def test_create_trims_and_keeps_unicode(store):
    p = store.profiles.create("  Zoë مريم 🦶 ")
    assert p.name == "Zoë مريم 🦶"
    assert store.profiles.get(p.id).unit is Unit.CM


def test_a_name_of_exactly_100_characters_is_fine(store):
    assert len(store.profiles.create("y" * 100).name) == 100


def test_duplicates_are_refused_whatever_the_case(store):
    store.profiles.create("Anna")
    with pytest.raises(ProfileNameError, match="already exists"):
        store.profiles.create(" anna ")
    assert [p.name for p in store.profiles.all()] == ["Anna"]


def test_sql_looking_names_are_stored_as_typed(store):
    name = "Robert'); DROP TABLE profiles;--"
    assert store.profiles.create(name).name == name
    assert store.profiles.count() == 1


def test_rename(store):
    p = store.profiles.create("Anna")
    store.profiles.create("Ben")
    assert store.profiles.rename(p.id, "Anna K.").name == "Anna K."
    with pytest.raises(ProfileNameError, match="already exists"):
        store.profiles.rename(p.id, "ben")
    with pytest.raises(ProfileNameError):
        store.profiles.rename(p.id, "  ")
    assert store.profiles.get(p.id).name == "Anna K."
    # Renaming to a different case of its own name is allowed.
    assert store.profiles.rename(p.id, "ANNA K.").name == "ANNA K."


def test_delete_takes_the_profiles_data_and_nothing_else(store):
    anna = store.profiles.create("Anna")
    ben = store.profiles.create("Ben")
    now = to_utc_iso(TODAY)
    for p in (anna, ben):
        store.results.add(p.id, [Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, now, 9.0)])
        store.training.start_session(p.id, [])
    store.profiles.delete(anna.id)
    assert [p.name for p in store.profiles.all()] == ["Ben"]
    assert store.results.count() == 1
    assert store.results.count(anna.id) == 0
    assert len(store.training.sessions(ben.id)) == 1
    assert store.db.execute("SELECT count(*) FROM training_sessions").fetchone()[0] == 1


def test_clean_profile_name_is_pure():
    assert clean_profile_name(" Ann ", ["Bob"]) == "Ann"
