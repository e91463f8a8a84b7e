"""ankle_gui: the desktop companion for ankle-mobility work."""

__version__ = "0.1.0"
APP_NAME = "ankle_gui"
ORG_NAME = "ankle_gui"
