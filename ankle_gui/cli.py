"""Command line: start the app, or run a clinic task with no window."""

from __future__ import annotations

import argparse
import gc
import sys

from ankle_gui import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ankle-gui",
        description="Desktop companion for ankle-mobility work. With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"ankle_gui {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder holding the database (default: $ANKLE_GUI_DATA_DIR, or the "
                             "platform's application-data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="add a demo profile with about ten weeks of results and sessions")
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    parser.add_argument("--scripted-session", metavar="LOG", help=argparse.SUPPRESS)
    from ankle_gui.clinic_cli import add_commands

    add_commands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def import_qt_free_layers() -> None:
    """Load the domain and the store before Qt. Once PySide6 is loaded it reads the source
    of every module imported after it (its __feature__ check, about 0.1 ms a module); the
    layers below the UI never need that look."""
    import ankle_gui.core.catalogue  # noqa: F401
    import ankle_gui.core.plan  # noqa: F401
    import ankle_gui.store.startup  # noqa: F401
    from ankle_gui import resource_files

    resource_files()  # and importlib.resources' own modules, which find the drill catalogue


def main(argv: list[str] | None = None) -> int:
    # Start-up makes objects that live as long as the app (modules, classes, the window), so
    # cyclic collections during it find nothing: off until the window is up (5 ms saved).
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--cue-worker"]:   # a frozen build runs its cue helpers through here
        from ankle_gui.cue_worker import main as cue_worker

        return cue_worker(argv[1:])
    gc.disable()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            import_qt_free_layers()
        from ankle_gui.app import resolve_data_dir, run_gui

        data_dir = resolve_data_dir(args.data_dir)
        if args.command is None:  # run_gui turns collection back on once the window is up
            return run_gui(data_dir, demo=args.demo, quit_after_ms=args.quit_after,
                           scripted_log=args.scripted_session)
        gc.enable()
        from ankle_gui.clinic_cli import run_command

        return run_command(args, data_dir)
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
