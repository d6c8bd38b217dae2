"""Argument helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable
from pathlib import Path

from .. import defaults
from ..locales import LocaleId, parse_locale
from ..lock import hold


def _whole_number(text: str, minimum: int, meaning: str) -> int:
    """An argparse value that must be a whole number of at least ``minimum``: refused at
    parse time (exit 2), never deep inside a stage."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be {meaning}, got {value}")
    return value


def positive_int(text: str) -> int:
    """argparse type for counts that must be 1 or more (``--beam-size 0``)."""
    return _whole_number(text, 1, "1 or more")


def add_locales_dir(p: argparse.ArgumentParser, flag: str = "--locales-dir") -> None:
    p.add_argument(flag, dest="locales_dir", type=Path, default=defaults.LOCALES_DIR,
                   help=f"folder holding <doc>.pot and <locale>/LC_MESSAGES (default: {defaults.LOCALES_DIR})")


def add_locale_option(p: argparse.ArgumentParser, *, many: bool = True) -> None:
    if many:
        p.add_argument("--locale", "-l", action="append", dest="locales", metavar="LOCALE",
                       help="target locale, BCP 47 (zh-Hant-HK, zh-Hans-CN, zh-HK, zh-CN); "
                            "repeatable; default: both")
    else:
        p.add_argument("--locale", "-l", dest="locale", required=True, metavar="LOCALE",
                       help="target locale, BCP 47 (zh-Hant-HK, zh-Hans-CN, zh-HK, zh-CN)")


def locales_from(args: argparse.Namespace) -> list[LocaleId]:
    values = getattr(args, "locales", None) or list(defaults.TARGET_LOCALES)
    out: list[LocaleId] = []
    for v in values:
        loc = parse_locale(v)
        if loc not in out:
            out.append(loc)
    return out


def say(args: argparse.Namespace, message: str) -> None:
    if not getattr(args, "quiet", False):
        print(message, file=sys.stdout)


def _width(text: str) -> int:
    return _whole_number(text, 0, "0 (no wrapping) or more")


def add_width(p: argparse.ArgumentParser) -> None:
    """msgmerge's and pybabel's ``--width N`` / ``--no-wrap`` for the catalogs written."""
    group = p.add_mutually_exclusive_group()
    group.add_argument("--width", type=_width, default=defaults.PO_WIDTH, metavar="N",
                       help=f"wrap PO/POT strings at N columns, as msgcat (default: {defaults.PO_WIDTH}; 0: no wrap)")
    group.add_argument("--no-wrap", dest="width", action="store_const", const=0,
                       help="do not wrap strings (as msgcat --no-wrap)")


def add_segmentation(p: argparse.ArgumentParser) -> None:
    """``--segmentation``: extract and build of one catalog must use the same value."""
    from ..segment import SEGMENTATIONS

    p.add_argument("--segmentation", choices=SEGMENTATIONS, default=defaults.SEGMENTATION,
                   help=f"one unit per sentence or per paragraph; give build the value extract had "
                        f"(default: {defaults.SEGMENTATION})")


def add_wait(p: argparse.ArgumentParser) -> None:
    p.add_argument("--wait", action="store_true",
                   help="wait for another l10n command using the same folders instead of exiting 2")


def locked(args: argparse.Namespace, folders: Iterable[Path], *,
           exclusive: bool = True) -> contextlib.AbstractContextManager[None]:
    """The folder locks a command holds while it reads and writes (see l10n.lock)."""
    return hold(folders, exclusive=exclusive, wait=getattr(args, "wait", False))
