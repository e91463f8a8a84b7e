"""ankle_gui: the desktop companion for ankle-mobility work."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__version__ = "0.1.0"
APP_NAME = "ankle_gui"
# The reverse-DNS app ID: the .desktop file's name, its Icon= and the AppStream component.
APP_ID = "io.github.ankle_gui.AnkleGui"


def resource_files() -> Traversable:
    """The folder of shipped data: drill catalogue, sounds, icons.

    Installed, it is the package ``ankle_gui.resources`` (the top-level ``resources/``
    folder, mapped into the wheel). Run from a source checkout without installing, the
    same folder is found beside the package.
    """
    from importlib import resources

    try:
        return resources.files("ankle_gui.resources")
    except ModuleNotFoundError:
        from pathlib import Path

        return Path(__file__).resolve().parent.parent / "resources"
