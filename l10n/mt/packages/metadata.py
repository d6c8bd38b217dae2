"""What an installed package is: its folder layout, its metadata and the pairs l10n accepts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import ModelError
from ...lang import profiles

METADATA_FILE = "metadata.json"
MODEL_DIR = "model"
MODEL_BIN = "model/model.bin"
SENTENCEPIECE_FILE = "sentencepiece.model"
VOCABULARY_FILES = (
    "model/shared_vocabulary.json",
    "model/shared_vocabulary.txt",
    "model/source_vocabulary.json",
    "model/source_vocabulary.txt",
)
PACKAGE_SUFFIX = ".argosmodel"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
#: l10n translates English into the languages it has a profile for (``l10n.lang``):
#: Argos's ``zh`` (Simplified) and ``zt`` (Traditional) packages for Chinese, ``ja`` for
#: Japanese. Anything else is refused before it is unpacked.
SOURCE_CODE = "en"
TARGET_CODES: tuple[str, ...] = tuple(code for profile in profiles() for code in profile.model_codes)
#: How Argos names package folders (``translate-en_zh-1_9``); we install under the same
#: scheme derived from the metadata, never under the archive's own top folder name, so
#: an archive can never overwrite the folder of another pair.
FOLDER_PREFIX = "translate-"
FOLDER_PAIR = re.compile(r"^translate-([a-z]{2,3})_([a-z]{2,3})-")
INSTALL_HINT = ("download the .argosmodel file elsewhere and run "
                "`l10n models install --file PATH.argosmodel`")


@dataclass(frozen=True)
class PackageInfo:
    """One installed (or about to be installed) Argos translation package."""

    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    name: str
    argos_version: str = ""
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def model_dir(self) -> Path:
        return self.path / MODEL_DIR

    @property
    def sentencepiece_path(self) -> Path:
        return self.path / SENTENCEPIECE_FILE


@dataclass(frozen=True)
class BrokenPackage:
    """A folder in the packages folder that looks like a package but cannot be used."""

    path: Path
    reason: str

    @property
    def pair(self) -> tuple[str, str] | None:
        """The (from, to) codes the folder's name claims, if it follows Argos's naming."""
        found = FOLDER_PAIR.match(self.path.name)
        return (found.group(1), found.group(2)) if found else None


class _NotTranslation(ModelError):
    """A valid Argos package of another type (not a translation model)."""


@dataclass(frozen=True)
class _Metadata:
    from_code: str
    to_code: str
    version: str
    from_name: str
    to_name: str
    argos_version: str
    target_prefix: str





def _parse_metadata(raw: bytes, where: str) -> _Metadata:
    """Validate metadata.json strictly: a package we cannot identify is not installed."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"metadata.json is not valid JSON ({exc})", path=where) from None
    if not isinstance(data, dict):
        raise ModelError("metadata.json is not a JSON object", path=where)
    kind = data.get("type", "translate")
    if kind != "translate":
        raise _NotTranslation(f"not a translation package (type {kind!r})", path=where)

    def text(key: str, *, required: bool) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise ModelError(f"metadata.json: {key!r} missing or not a string", path=where)
        return value.strip()

    from_code = text("from_code", required=True)
    to_code = text("to_code", required=True)
    for key, code in (("from_code", from_code), ("to_code", to_code)):
        if not LANGUAGE_CODE.match(code):
            raise ModelError(f"metadata.json: {key} {code!r} is not a language code", path=where)
    return _Metadata(
        from_code=from_code,
        to_code=to_code,
        version=text("package_version", required=True),
        from_name=text("from_name", required=False),
        to_name=text("to_name", required=False),
        argos_version=text("argos_version", required=False),
        target_prefix=text("target_prefix", required=False),
    )


def check_pair(from_code: str, to_code: str, where: str | None = None) -> None:
    """Refuse any pair but English to Chinese: l10n has no use for it."""
    if from_code != SOURCE_CODE or to_code not in TARGET_CODES:
        raise ModelError(
            f"package translates {from_code}→{to_code}; l10n only uses English→Chinese "
            f"packages ({', '.join(f'{SOURCE_CODE}→{code}' for code in TARGET_CODES)})",
            path=where)


def folder_name(from_code: str, to_code: str, version: str) -> str:
    """The folder a package is installed in, derived from its pair and version only."""
    safe_version = re.sub(r"[^A-Za-z0-9]+", "_", version).strip("_") or "0"
    return f"{FOLDER_PREFIX}{from_code}_{to_code}-{safe_version}"


def _info(folder: Path, meta: _Metadata) -> PackageInfo:
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    names = (meta.from_name or meta.from_code, meta.to_name or meta.to_code)
    return PackageInfo(
        from_code=meta.from_code,
        to_code=meta.to_code,
        version=meta.version,
        path=folder,
        size_bytes=size,
        name=f"{names[0]} → {names[1]}",
        argos_version=meta.argos_version,
        target_prefix=meta.target_prefix,
    )


def read_package(folder: Path) -> PackageInfo:
    """Describe an installed package folder, or raise ModelError if it is not one."""
    where = str(folder)
    try:
        raw = (folder / METADATA_FILE).read_bytes()
    except OSError:
        raise ModelError("no readable metadata.json", path=where) from None
    meta = _parse_metadata(raw, where)
    if not (folder / MODEL_BIN).is_file():
        raise ModelError(f"no CTranslate2 model ({MODEL_BIN})", path=where)
    if not (folder / SENTENCEPIECE_FILE).is_file():
        raise ModelError(f"no SentencePiece model ({SENTENCEPIECE_FILE})", path=where)
    return _info(folder, meta)
