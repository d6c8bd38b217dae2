"""Every default value of a setting, written once.

``config.Settings`` takes its field defaults from here, and so do the commands' flags and
the library functions that can be called without settings (``TranslationMemory.open()``,
``default_engines()``). It is a leaf module (no l10n imports), so the lowest layers can
read it without importing the configuration loader above them.

Changing a value here changes ``l10n run``, the single commands and the library at once;
README's "Configuration" table and ``pipeline/nightly.toml`` document the same values.
"""

from __future__ import annotations

from pathlib import Path

#: ``[sources]``: what ``l10n run`` reads when nothing is configured.
SOURCES: tuple[Path, ...] = (Path("samples"),)
SOURCE_PATTERNS: tuple[str, ...] = ("*.md", "*.markdown", "*.html", "*.htm", "*.txt")
#: ``[sources] segmentation`` and ``--segmentation``: one unit per sentence, or per
#: paragraph (block) for teams that translate paragraph by paragraph: the values it may
#: take (``l10n.segment`` segments by them; the configuration checks them without
#: importing the segmenter and its sentence splitter).
SEGMENTATIONS: tuple[str, ...] = ("sentence", "paragraph")
SEGMENTATION = "sentence"
#: ``[sources] content_root``: where an HTML page's release is ("auto": the first of
#: ``main``, ``article``, ``[role=main]``, else the body without its site chrome). A
#: simple CSS selector or an XPath; a table ``{ "folder" = "selector" }`` sets it per
#: source folder. ``AUTO_CONTENT_ROOT`` is the value that asks for that choice
#: (``l10n.formats.html.AUTO_ROOT``; the configuration checks it without importing the
#: HTML reader).
AUTO_CONTENT_ROOT = "auto"
CONTENT_ROOT = "auto"
#: ``[locales] targets`` and the commands' ``--locale`` when none is given (BCP 47).
TARGET_LOCALES: tuple[str, ...] = ("zh-Hant-HK", "zh-Hans-CN")
#: ``[output]``.
LOCALES_DIR = Path("locales")
OUT_DIR = Path("out")
STATE_DIR = Path(".l10n")
#: ``[output] po_width``: the column PO/POT string lines are wrapped at, counted as
#: gettext counts them (a CJK character is two columns); 0 = no wrapping. 79 is
#: gettext's, Babel's and Poedit's default, so an editor's save keeps our layout.
PO_WIDTH = 79
#: ``[output] strip_language_suffix``: built files drop the source's language suffix
#: (``x.en.md`` → ``out/<locale>/x.md``; also ``x_en``, ``x-en``, ``x.en-GB``).
STRIP_LANGUAGE_SUFFIX = True
#: ``[glossary] path``.
GLOSSARY = Path("glossary/terms.tbx")
#: ``[tm]``: where the memory lives (relative to the project folder) and the similarity a
#: fuzzy match must reach (0..1).
TM_PATH = STATE_DIR / "tm.sqlite"
FUZZY_THRESHOLD = 0.75
#: ``[update]``: whether a changed msgid may inherit the most similar old translation
#: (fuzzy), and the difflib ratio it must reach: 0.6, the threshold of gettext's msgmerge
#: and of Babel, so a catalog updated by either tool or by ours gets the same candidates.
MERGE_FUZZY_MATCHING = True
MERGE_FUZZY_THRESHOLD = 0.6
#: ``[mt]``: beam width (Argos uses 4 as well), engine name (one of
#: ``l10n.mt.registry.ENGINES``) and the Traditional Chinese route (auto: en→zt when
#: installed, else en→zh + OpenCC s2hk).
BEAM_SIZE = 4
MT_ENGINE = "argos"
HANT_ROUTE = "auto"
#: ``[mt] inter_threads``/``intra_threads`` when not set: one model replica per usable core
#: (``l10n.mt.threads.choose_layout``), each on this many threads. ``[mt] batch_size``:
#: sentences per CTranslate2 batch. On 2 cores at beam 4, one replica per core beat one
#: replica on both cores: 1.64-1.82x on an idle machine (issue 16), 1.13-1.48x median per
#: paired round of ``bench/bench_mt.py`` on a loaded one; 32 led 16 and 64 (README, "MT threads").
MT_INTRA_THREADS_PER_REPLICA = 1
MT_BATCH_SIZE = 32
#: ``[checks]``.
CHECKS: tuple[str, ...] = ("numbers", "currency", "glossary", "placeholders", "script", "punctuation", "same",
                           "flags")
FUZZY_CHECKS = "error"  # l10n.checks.FuzzyPolicy: error | warning | skip
