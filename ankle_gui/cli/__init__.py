"""The command line: start the app, or run a task (report, export, import, clinic) with no
window. ``main.main`` is the entry point of both ``ankle-gui`` and ``ankle-gui-cli``."""
