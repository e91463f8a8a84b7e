"""Command line: start the app, or run a clinic task with no window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ankle_gui import __version__
from ankle_gui.app import NoDataFolder
from ankle_gui.app.data_folder import resolve_data_dir
from ankle_gui.app.error_log import keep_out, log_unexpected, start_logging, stop_logging
from ankle_gui.cli.commands import add_commands, run_command
from ankle_gui.core.clock import Clock, utc_now


def program_name() -> str:
    """The name it was run as (``ankle-gui``, ``ankle-gui-cli``, the frozen build's exe), for
    the usage line; ``ankle-gui`` when run some other way (``python -m ankle_gui``)."""
    name = Path(sys.argv[0] if sys.argv and sys.argv[0] else "").name
    name = name[:-4] if name.lower().endswith(".exe") else name
    return name if name.startswith("ankle-gui") else "ankle-gui"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description="Desktop companion for ankle-mobility work. With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"ankle_gui {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder holding the database (default: $ANKLE_GUI_DATA_DIR, or the "
                             "platform's application-data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="add a demo profile with about ten weeks of results and sessions")
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    parser.add_argument("--scripted-session", metavar="LOG", help=argparse.SUPPRESS)
    parser.add_argument("--smoke-check", metavar="OUT", help=argparse.SUPPRESS)
    add_commands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def _unexpected(exc: BaseException, command: str | None, *, in_a_window: bool = False) -> int:
    """The catch-all: one line for the user, the traceback in the log. Exit code 1."""
    where = log_unexpected(exc, command)
    saved = f" The details were saved in {where}." if where else ""
    text = (f"Something unexpected went wrong ({type(exc).__name__}: {exc}), so ankle_gui "
            f"stopped. What was saved before is kept.{saved}")
    print(f"{f'ankle-gui {command}' if command else 'ankle_gui'}: {text}", file=sys.stderr)
    if in_a_window:  # started from a menu or an icon, nobody reads the terminal
        _show_in_a_window(text)
    return 1


def _show_in_a_window(text: str, *, make_app: bool = False) -> None:
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox
    except Exception:  # noqa: BLE001 - Qt itself failed: the terminal's line is all there is
        return
    app = QApplication.instance()
    if app is None and make_app:  # stopped before the app was made: make it to say why
        app = QApplication(sys.argv[:1])
    if app is not None:
        QMessageBox.critical(None, "ankle_gui stopped", text)


def main(argv: list[str] | None = None, *, clock: Clock = utc_now) -> int:
    """The entry point; ``clock`` is the wall time everything started here reads."""
    argv = sys.argv[1:] if argv is None else argv
    # A command loads only its own modules, the window its own (app.start); a cue helper
    # never comes here (app/entry.py).
    args = build_parser().parse_args(argv)  # a usage error exits 2, argparse's message
    if args.command is not None:  # the window starts its log once it knows the names
        start_logging()
        keep_out([getattr(args, "profile", None) or ""])
    try:
        return _main(args, clock)
    except KeyboardInterrupt:
        print("ankle_gui: stopped (Ctrl+C).", file=sys.stderr)
        return 1
    except NoDataFolder as exc:
        print(f"{f'ankle-gui {args.command}' if args.command else 'ankle_gui'}: {exc}",
              file=sys.stderr)
        if args.command is None and args.quit_after is None:
            _show_in_a_window(str(exc), make_app=True)
        return 2
    except Exception as exc:  # noqa: BLE001 - the one place that must catch everything
        by_hand = (args.quit_after is None and args.scripted_session is None
                   and args.smoke_check is None)
        return _unexpected(exc, args.command, in_a_window=args.command is None and by_hand)
    finally:
        stop_logging()


def _main(args: argparse.Namespace, clock: Clock) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    if args.command is None:
        # The window's modules load only for the window: a command draws no widget.
        from ankle_gui.app.start import run_gui

        return run_gui(data_dir, demo=args.demo, quit_after_ms=args.quit_after,
                       scripted_log=args.scripted_session, smoke_check=args.smoke_check,
                       clock=clock)
    return run_command(args, data_dir, clock)


if __name__ == "__main__":
    sys.exit(main())
