"""The thin command line: parse arguments, call one library function, print.

Each subcommand lives in ``l10n/commands/<name>.py`` with ``add_parser(subparsers)``
which sets ``handler`` (args -> exit code). Library errors (L10nError) become one
line on stderr and exit code 2; bugs keep their traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any, TextIO

from . import __version__
from .errors import L10nError, visible

QUIET_HELP = "less output: no progress, summaries or success lines"
#: ``logging``'s levels, named here so that choosing one does not import it.
DEBUG, WARNING, ERROR = 10, 30, 40
LOG_FORMAT = "%(levelname)s: %(message)s"
COMMANDS = ("extract", "update", "build", "check", "glossary", "models", "translate", "tm", "xliff", "review", "run")


def _requested_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line, so only its module needs importing."""
    for arg in argv:
        if arg == "--version":
            return ""  # no command's module: the version needs none of them
        if arg in ("-h", "--help"):
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or (for speed) one with the ``only`` subcommand: the command line
    names it first (``_requested_command``), so argparse never looks at another, and the
    usage lines and errors it prints name the commands by ``COMMAND`` alone."""
    parser = argparse.ArgumentParser(
        prog="l10n", description="Offline localisation of press releases (en -> zh-Hant-HK, zh-Hans-CN)."
    )
    parser.add_argument("--version", action="version", version=f"l10n {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    parser.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # -v/-q are accepted after the command too (`l10n run --quiet`); SUPPRESS keeps the global value
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log more detail")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=QUIET_HELP)
    plain_add = sub.add_parser

    def add_with_common(name: str, **kwargs: object) -> argparse.ArgumentParser:
        return plain_add(name, parents=[common], **kwargs)  # type: ignore[arg-type]

    sub.add_parser = add_with_common  # type: ignore[method-assign]
    for name in COMMANDS:
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__package__}.commands.{name}":
                continue
            raise
        module.add_parser(sub)
    return parser


def configure_logging(level: int, stream: TextIO) -> None:
    """``logging.basicConfig`` at ``level`` with the command line's format, to ``stream``:
    now when ``logging`` is loaded, else the moment it is first imported, before the
    import returns, so that no record can be logged before it. A command that never
    logs (``l10n check`` of a small catalog) then never imports ``logging`` (a few
    milliseconds of its start-up)."""
    loaded = sys.modules.get("logging")
    if loaded is not None:
        _basic_config(loaded, level, stream)
    else:
        sys.meta_path.insert(0, _ConfigureOnImport(level, stream))


def _basic_config(logging: ModuleType, level: int, stream: TextIO) -> None:
    logging.basicConfig(level=level, format=LOG_FORMAT, stream=stream)


class _ConfigureOnImport:
    """A finder that finds nothing itself: asked for ``logging``, it lets the other
    finders find it and has the loader found run ``_basic_config`` right after the
    module's own code; the finder leaves ``sys.meta_path`` when that code runs."""

    def __init__(self, level: int, stream: TextIO) -> None:
        self.level = level
        self.stream = stream

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "logging":
            return None
        for finder in sys.meta_path:
            if finder is self:
                continue
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec  # no module code to follow: imported as usual, configured by nobody
        run_module = loader.exec_module

        def exec_then_configure(module: ModuleType) -> None:
            del loader.exec_module  # the loader's own method again
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            run_module(module)
            _basic_config(module, self.level, self.stream)

        loader.exec_module = exec_then_configure
        return spec


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _requested_command(argv)
    if command:  # a command will run: its modules' patterns and dataclasses come from the caches
        from . import codecache, rxcache

        rxcache.install()
        codecache.install()
    parser = build_parser(command)
    args = parser.parse_args(argv)
    level = WARNING
    if getattr(args, "verbose", False):
        level = DEBUG
    elif getattr(args, "quiet", False):
        level = ERROR
    configure_logging(level, sys.stderr)
    try:
        return int(args.handler(args) or 0)
    except L10nError as exc:
        print(f"l10n: error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("l10n: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:  # an OS error no library edge wrapped: still one line, exit 2
        name = os.fsdecode(exc.filename) if isinstance(exc.filename, bytes) else str(exc.filename or "")
        where = f"{visible(name)}: " if name else ""
        print(f"l10n: error: {where}{visible(exc.strerror or str(exc)).lower()}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
