"""``l10n models``: list, install and remove Argos translation packages."""

from __future__ import annotations

import argparse
import sys

from ..errors import InputError
from ..mt import packages

DEFAULT_PAIR = ("en", "zh")
INSTALL_COMMAND = "l10n models install {} {}"
REMOVE_PATH_COMMAND = "`l10n models remove --path PATH`"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("models", help="manage offline translation models (Argos packages)",
                            description="List, install and remove Argos Translate packages. "
                            "Packages live in ARGOS_PACKAGES_DIR or Argos's data folder.")
    actions = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="show installed packages")
    listing.set_defaults(handler=run_list)

    install = actions.add_parser(
        "install", help="install a package from Argos's index or from a file",
        description="Install from the Argos package index (`install en zh`) or from a "
        "downloaded file (`install --file PATH.argosmodel`).")
    install.add_argument("from_code", nargs="?", help="source language code, e.g. en")
    install.add_argument("to_code", nargs="?", help="target language code: zh (Simplified) "
                         "or zt (Traditional)")
    install.add_argument("--file", metavar="PATH.argosmodel", help="install this package file")
    install.add_argument("--no-progress", action="store_true", help="no download progress bar")
    install.add_argument("--force", action="store_true",
                         help="install even if it is older than the installed version, or "
                              "replace a broken package folder in the way")
    install.set_defaults(handler=run_install)

    remove = actions.add_parser(
        "remove", help="remove the package for a language pair, or one package folder",
        description="Remove the packages of a pair (`remove en zh`, broken folders named "
        "for the pair included) or one package folder, usable or broken "
        "(`remove --path PATH`).")
    remove.add_argument("from_code", nargs="?", help="source language code, e.g. en")
    remove.add_argument("to_code", nargs="?", help="target language code, e.g. zh")
    remove.add_argument("--path", metavar="PATH",
                        help="remove this folder of the packages folder (see `l10n models list`)")
    remove.set_defaults(handler=run_remove)


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def run_list(args: argparse.Namespace) -> int:
    installed, broken = packages.scan_packages()
    if installed:
        rows = [("PAIR", "VERSION", "SIZE", "PATH")]
        rows += [(p.pair, p.version, _size(p.size_bytes), str(p.path)) for p in installed]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for row in rows:
            print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3]))
                  + "  " + row[3])
    else:
        where = packages.packages_dir()
        print(f"no models installed (in {where})")
        print("install one with: " + INSTALL_COMMAND.format(*DEFAULT_PAIR)
              + "  or: l10n models install --file PATH.argosmodel")
    if broken:
        print(f"broken packages (not used; remove with {REMOVE_PATH_COMMAND}):")
        for item in broken:
            print(f"  BROKEN  {item.path}: {item.reason}")
    return 0


def run_install(args: argparse.Namespace) -> int:
    if args.file:
        if args.from_code or args.to_code:
            raise InputError("give either a language pair or --file, not both")
        pkg = packages.install_file(args.file, force=args.force)
    else:
        if not (args.from_code and args.to_code):
            raise InputError("which package?",
                             hint="use `l10n models install en zh` or "
                                  "`l10n models install --file PATH.argosmodel`")
        pkg = packages.install_from_index(args.from_code, args.to_code,
                                          progress=not args.no_progress, force=args.force)
    print(f"installed {pkg.pair} {pkg.version} in {pkg.path}", file=sys.stdout)
    return 0


def _describe(item: packages.PackageInfo | packages.BrokenPackage) -> str:
    if isinstance(item, packages.BrokenPackage):
        return f"removed broken package {item.path}"
    return f"removed {item.pair} {item.version} ({item.path})"


def run_remove(args: argparse.Namespace) -> int:
    if args.path:
        if args.from_code or args.to_code:
            raise InputError("give either a language pair or --path, not both")
        print(_describe(packages.remove_path(args.path)))
        return 0
    if not (args.from_code and args.to_code):
        raise InputError("which package?",
                         hint="use `l10n models remove en zh` or "
                              "`l10n models remove --path PATH`")
    for item in packages.remove_package(args.from_code, args.to_code):
        print(_describe(item))
    return 0
