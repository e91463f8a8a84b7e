"""ankle_gui: the desktop companion for ankle-mobility work."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

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
    try:
        return files("ankle_gui.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"
