"""Command line: start the app, or run a clinic task with no window."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ankle_gui import __version__
from ankle_gui.app import NoDataFolder
from ankle_gui.app.error_log import keep_out, log_unexpected, start_logging, stop_logging
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
    from ankle_gui.cli.commands import add_commands

    add_commands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def import_qt_free_layers() -> None:
    """Load the domain and the store before Qt. Once PySide6 is loaded it reads the source
    of every module imported after it (its __feature__ check); the
    layers below the UI never need that look."""
    import ankle_gui.core.catalogue  # noqa: F401
    import ankle_gui.core.plan  # noqa: F401
    import ankle_gui.store.startup  # noqa: F401
    from ankle_gui import resource_files

    resource_files()  # and importlib.resources' own modules, which find the drill catalogue


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
    except Exception:  # Qt itself is what failed: the line on the terminal is all there is
        return
    app = QApplication.instance()
    if app is None and make_app:  # stopped before the app was made: make it to say why
        app = QApplication(sys.argv[:1])
    if app is not None:
        QMessageBox.critical(None, "ankle_gui stopped", text)


@contextmanager
def start_up_without_cyclic_gc() -> Iterator[Callable[[], None]]:
    """The one switch for cyclic garbage collection at start-up.

    Start-up makes objects that live as long as the app (modules, classes, the window), so
    collecting cycles during it finds nothing. Collection is off inside the block; the
    function it gives turns it back on when start-up is over (the window up, or a command
    about to run), and it is on again however the block ends.
    """
    gc.disable()
    try:
        yield gc.enable
    finally:
        gc.enable()


def main(argv: list[str] | None = None, *, clock: Clock = utc_now) -> int:
    """The entry point; ``clock`` is the wall time everything started here reads."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--cue-worker"]:   # a frozen build runs its cue helpers through here
        from ankle_gui.ui.train.cue_worker import main as cue_worker

        return cue_worker(argv[1:])
    with start_up_without_cyclic_gc() as start_up_over:
        args = build_parser().parse_args(argv)  # a usage error exits 2, argparse's message
        if args.command is not None:  # the window starts its log once it knows the names
            start_logging()
            keep_out([getattr(args, "profile", None) or ""])
        try:
            return _main(args, start_up_over, clock)
        except KeyboardInterrupt:
            print("ankle_gui: stopped (Ctrl+C).", file=sys.stderr)
            return 1
        except NoDataFolder as exc:
            print(f"{f'ankle-gui {args.command}' if args.command else 'ankle_gui'}: {exc}",
                  file=sys.stderr)
            if args.command is None and args.quit_after is None:
                _show_in_a_window(str(exc), make_app=True)
            return 2
        except Exception as exc:  # the one place that must catch everything
            by_hand = (args.quit_after is None and args.scripted_session is None
                       and args.smoke_check is None)
            return _unexpected(exc, args.command, in_a_window=args.command is None and by_hand)
        finally:
            stop_logging()


def _main(args: argparse.Namespace, start_up_over: Callable[[], None], clock: Clock) -> int:
    if args.command is None:
        import_qt_free_layers()
    from ankle_gui.app.start import resolve_data_dir, run_gui

    data_dir = resolve_data_dir(args.data_dir)
    if args.command is None:
        return run_gui(data_dir, demo=args.demo, quit_after_ms=args.quit_after,
                       scripted_log=args.scripted_session, start_up_over=start_up_over,
                       smoke_check=args.smoke_check, clock=clock)
    start_up_over()
    from ankle_gui.cli.commands import run_command

    return run_command(args, data_dir, clock)


if __name__ == "__main__":
    sys.exit(main())
