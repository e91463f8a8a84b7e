"""core/profile.py: what a refused profile name is told."""

from __future__ import annotations

import pytest

from ankle_gui.core.profile import ProfileNameError, clean_profile_name


@pytest.mark.parametrize("typed", ["SAM", "sam", " Sam "])
def test_a_taken_name_is_named_as_it_is_stored(typed):
    with pytest.raises(ProfileNameError) as refused:
        clean_profile_name(typed, ["Jo", "Sam"])
    assert str(refused.value) == "A profile called 'Sam' already exists."


# Characters that show nothing cannot make a second "Ana" (issue 28, 8).
LOOKALIKES = ["Ana\u200d", "A\u200dna", "ANA\u034f", "A\u034fna", "Ana\ufe0f", "An\u3164a",
              "\u200dana", "Ana\u2063", "A\u00adna"]


@pytest.mark.parametrize("typed", LOOKALIKES, ids=[repr(t) for t in LOOKALIKES])
def test_a_name_that_only_looks_different_is_taken(typed):
    with pytest.raises(ProfileNameError) as refused:
        clean_profile_name(typed, ["Ana"])
    assert str(refused.value) in ("A profile called 'Ana' already exists.",
                                  "The name contains invisible control characters; please "
                                  "retype it.")


@pytest.mark.parametrize("typed", ["\u034f", " \u200d ", "\ufe0f\u3164"])
def test_a_name_of_nothing_visible_is_no_name(typed):
    with pytest.raises(ProfileNameError, match="Enter a name"):
        clean_profile_name(typed)


def test_an_emoji_joined_with_zwj_is_still_a_name():
    medic = "\U0001f469\u200d\u2695\ufe0f"  # woman health worker
    assert clean_profile_name(f"Sam {medic}") == f"Sam {medic}"
