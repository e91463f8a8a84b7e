"""core/profile.py: what a refused profile name is told."""

from __future__ import annotations

import pytest

from ankle_gui.core.profile import ProfileNameError, clean_profile_name


@pytest.mark.parametrize("typed", ["SAM", "sam", " Sam "])
def test_a_taken_name_is_named_as_it_is_stored(typed):
    with pytest.raises(ProfileNameError) as refused:
        clean_profile_name(typed, ["Jo", "Sam"])
    assert str(refused.value) == "A profile called 'Sam' already exists."
