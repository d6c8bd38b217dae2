"""Argument helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import defaults
from ..locales import LocaleId, parse_locale

if TYPE_CHECKING:  # imported where used: `l10n check` needs neither (6 ms of its start-up)
    import polib

    from ..config import Settings


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


#: A file argument or ``-o`` value meaning standard input or output, as in gettext and pybabel.
STDOUT = "-"
STDIN = "-"

#: How standard input is named in errors and reports (as msgfmt does).
STDIN_NAME = "<stdin>"


def read_stdin_bytes() -> bytes:
    """Standard input, whole (``-`` given where one file is read)."""
    return sys.stdin.buffer.read()


def read_stdin_text() -> str:
    """Standard input as UTF-8 text (a BOM dropped); bad bytes are one line naming the line."""
    from ..errors import InputError

    raw = read_stdin_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not valid UTF-8", path=STDIN_NAME, line=line, hint="save the file as UTF-8") from None


def write_stdout(data: bytes | str) -> None:
    """Data (not messages) to standard output, bytes as they are."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    sys.stdout.buffer.flush()


#: The namespace attribute listing the options given on the command line (see ``Given``).
GIVEN = "given_options"


class Given(argparse.Action):
    """Stores the value (or ``const`` for a flag of no value) and notes that the option was
    given: ``from_config`` lets a given flag win over ``--config`` and its default lose,
    while the parser's defaults stay the real ones (``l10n build --help``, tests)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        setattr(namespace, self.dest, self.const if self.nargs == 0 else values)
        given = set(getattr(namespace, GIVEN, ()))
        given.add(self.dest)
        setattr(namespace, GIVEN, given)


def given(args: argparse.Namespace, dest: str) -> bool:
    return dest in getattr(args, GIVEN, ())


def add_locales_dir(p: argparse.ArgumentParser, flag: str = "--locales-dir", *, configurable: bool = False) -> None:
    """``configurable``: when not given, the ``--config`` file's ``[output] locales_dir``."""
    where = f"{defaults.LOCALES_DIR}, or [output] locales_dir of --config" if configurable else defaults.LOCALES_DIR
    p.add_argument(flag, dest="locales_dir", type=Path, default=defaults.LOCALES_DIR, action=Given,
                   help=f"folder holding <doc>.pot and <locale>/LC_MESSAGES (default: {where})")


#: Where a command's settings come from when ``--config`` is not given (l10n.configfile).
CONFIG_FOUND = "default: l10n.toml or [tool.l10n] in pyproject.toml, here or in the nearest parent, else " \
               "pipeline/nightly.toml here"


def add_config(p: argparse.ArgumentParser, what: str = "[sources] segmentation and content_root, [output] "
                                                       "folders, po_width and strip_language_suffix") -> None:
    """``--config``: the settings ``l10n run`` reads that decide what this command writes,
    so the single steps give the batch's files. Without it the configuration found from
    the working folder applies (``l10n.configfile``); a flag given wins over both."""
    p.add_argument("--config", "-c", type=Path, default=None, metavar="FILE",
                   help=f"TOML configuration to take {what} from, as `l10n run` does; flags given "
                        f"override it ({CONFIG_FOUND})")


def add_strip_suffix(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strip-language-suffix", action=argparse.BooleanOptionalAction, default=None,
                   help="built files drop the source's language suffix, x.en.md -> <locale>/x.md "
                        "(default: [output] strip_language_suffix of --config, else "
                        f"{'on' if defaults.STRIP_LANGUAGE_SUFFIX else 'off'})")


def from_config(args: argparse.Namespace) -> Settings:
    """The settings of ``--config`` (else of the configuration found, else the defaults)
    with the flags given laid over them: ``--segmentation``, ``--strip-language-suffix``,
    the folders, ``--width``, the locales, ``update``'s merge options and ``translate``'s
    memory and MT options."""
    from ..config import load_settings

    settings = load_settings(getattr(args, "config", None))  # without --config: the one found, if any
    flags = {"segmentation": "segmentation", "locales_dir": "locales_dir", "out": "out_dir", "width": "po_width",
             "state_dir": "state_dir", "fuzzy_matching": "merge_fuzzy_matching",
             "fuzzy_threshold": "merge_fuzzy_threshold", "tm": "tm_path", "beam_size": "mt_beam_size",
             "engine": "mt_engine", "inter_threads": "mt_inter_threads", "intra_threads": "mt_intra_threads",
             "batch_size": "mt_batch_size"}
    chosen: dict[str, Any] = {field: getattr(args, dest) for dest, field in flags.items() if given(args, dest)}
    if getattr(args, "strip_language_suffix", None) is not None:
        chosen["strip_language_suffix"] = args.strip_language_suffix
    if getattr(args, "locales", None):
        chosen["locales"] = tuple(locales_from(args))
    if getattr(args, "include_fuzzy", False):
        chosen["include_fuzzy"] = True
    return replace(settings, **chosen)


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


#: ``--check`` found a file that a real run would write (as ``pybabel update --check``).
EXIT_OUT_OF_DATE = 1


def report_out_of_date(files: Iterable[tuple[Path, polib.POFile, polib.POFile | None]],
                       what: str, command: str) -> int:
    """``--check``'s answer for ``extract`` and ``update``: one line on standard output per
    file (path, catalog, file as it stands) that a real run would write, then a count on
    standard error; ``EXIT_OUT_OF_DATE`` if any. ``files`` is consumed lazily, so a caller
    may build each catalog as it is asked for."""
    total = stale = 0
    for path, po, previous in files:
        total += 1
        if _would_save(path, po, previous):
            stale += 1
            print(f"{path}: would be {'created' if previous is None else 'updated'}")
    if stale:
        print(f"l10n: {stale} of {total} {what}(s) out of date; run `{command}` without --check",
              file=sys.stderr)
        return EXIT_OUT_OF_DATE
    return 0


def say(args: argparse.Namespace, message: str) -> None:
    if not getattr(args, "quiet", False):
        print(message, file=sys.stdout)


def _width(text: str) -> int:
    return _whole_number(text, 0, "0 (no wrapping) or more")


def add_width(p: argparse.ArgumentParser, *, configurable: bool = False) -> None:
    """msgmerge's and pybabel's ``--width N`` / ``--no-wrap`` for the catalogs written
    (``configurable``: when not given, the ``--config`` file's ``[output] po_width``)."""
    group = p.add_mutually_exclusive_group()
    where = f"{defaults.PO_WIDTH}, or [output] po_width of --config" if configurable else defaults.PO_WIDTH
    group.add_argument("--width", type=_width, default=defaults.PO_WIDTH, metavar="N", action=Given,
                       help=f"wrap PO/POT strings at N columns, as msgcat (default: {where}; 0: no wrap)")
    group.add_argument("--no-wrap", dest="width", action=Given, nargs=0, const=0,
                       help="do not wrap strings (as msgcat --no-wrap)")


def add_segmentation(p: argparse.ArgumentParser) -> None:
    """``--segmentation``: extract and build of one catalog must use the same value."""
    from ..segment import SEGMENTATIONS

    p.add_argument("--segmentation", choices=SEGMENTATIONS, default=defaults.SEGMENTATION, action=Given,
                   help=f"one unit per sentence or per paragraph; give build the value extract had "
                        f"(default: [sources] segmentation of --config, else {defaults.SEGMENTATION})")


def add_wait(p: argparse.ArgumentParser) -> None:
    p.add_argument("--wait", action="store_true",
                   help="wait for another l10n command using the same folders instead of exiting 2")


def locked(args: argparse.Namespace, folders: Iterable[Path], *,
           exclusive: bool = True) -> contextlib.AbstractContextManager[None]:
    """The folder locks a command holds while it reads and writes (see l10n.lock)."""
    from ..lock import hold

    return hold(folders, exclusive=exclusive, wait=getattr(args, "wait", False))


def _would_save(path: Path, po: polib.POFile, previous: polib.POFile | None) -> bool:
    from ..uptodate import would_save

    return would_save(path, po, previous)
