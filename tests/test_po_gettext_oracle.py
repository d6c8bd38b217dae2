"""GNU gettext decides what a valid PO file is: our scanner must agree with ``msgfmt -c``.

The variants are built from small pieces (entry shapes x mutations, placed alone or
beside a neighbour entry), so several hundred distinct files are tried. For each one,
our accept/refuse decision must equal msgfmt's; a refusal is a CatalogError with a line,
never another exception. msgfmt's semantic checks that are not syntax (the number of
plural forms against ``Plural-Forms``, ``\\n`` at both ends, format strings) are kept
out of the pieces on purpose.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.errors import CatalogError
from l10n.pofile import parse_po

MSGFMT = shutil.which("msgfmt")
pytestmark = pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed")

HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Project-Id-Version: t\\n"\n"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
    '"Last-Translator: t\\n"\n"Language-Team: t\\n"\n"Language: zh_Hant_HK\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=2; plural=n != 1;\\n"\n\n'
)

SHAPES: dict[str, str] = {
    "simple": 'msgid "apple"\nmsgstr "蘋果"\n',
    "context": 'msgctxt "menu"\nmsgid "apple"\nmsgstr "蘋果"\n',
    "empty-context": 'msgctxt ""\nmsgid "apple"\nmsgstr "蘋果"\n',
    "plural": 'msgid "one apple"\nmsgid_plural "%d apples"\nmsgstr[0] "一個"\nmsgstr[1] "多個"\n',
    "obsolete": '#~ msgid "pear"\n#~ msgstr "梨"\n',
    "obsolete-context": '#~ msgctxt "x"\n#~ msgid "pear"\n#~ msgstr "梨"\n',
    "obsolete-plural": '#~ msgid "one pear"\n#~ msgid_plural "pears"\n#~ msgstr[0] "梨"\n#~ msgstr[1] "梨"\n',
    "multiline": 'msgid ""\n"first part "\n"second part"\nmsgstr ""\n"第一"\n"第二"\n',
    "fuzzy-previous": '#, fuzzy\n#| msgid "aple"\nmsgid "apple"\nmsgstr "蘋果"\n',
    "comments": '# translator says\n#. extracted note\n#: src/a.md:3 src/b.md:9\nmsgid "apple"\nmsgstr "蘋果"\n',
    "two-strings": 'msgid "app" "le"\nmsgstr "蘋" "果"\n',
    "untranslated": 'msgid "apple"\nmsgstr ""\n',
    "escapes": 'msgid "say \\"hi\\"\\tnow"\nmsgstr "說 \\"嗨\\"\\t現在"\n',
    "indented": '  msgid "apple"\n\tmsgstr "蘋果"  \n',
    "no-space": 'msgid"apple"\nmsgstr"蘋果"\n',
    "spaced-index": 'msgid "a"\nmsgid_plural "as"\nmsgstr [0] "x"\nmsgstr [1] "y"\n',
    "separators": 'msgid "a\u2028b\u2029c\u0085d\x1ce\x1df\x1eg"\nmsgstr "x\u2028y"\n',
}

NEIGHBOUR = 'msgid "banana"\nmsgstr "香蕉"\n'
Mutation = Callable[[str], str | None]


def _replace(old: str, new: str, count: int = 1) -> Mutation:
    return lambda body: body.replace(old, new, count) if old in body else None


def _insert_before_msgstr(line: str) -> Mutation:
    def mutate(body: str) -> str | None:
        at = body.find("\nmsgstr")
        return None if at < 0 else body[:at + 1] + line + body[at + 1:]
    return mutate


def _live_only(mutate: Mutation) -> Mutation:
    return lambda body: None if body.startswith("#~") else mutate(body)


MUTATIONS: dict[str, Mutation] = {
    "as-is": lambda body: body,
    "lone-obsolete-mark-before": lambda body: "#~\n" + body,
    "comment-without-space": lambda body: "#note\n" + body,
    "extracted-without-space": lambda body: "#.note\n" + body,
    "reference-without-space": lambda body: "#:a.md:1\n" + body,
    "flags-without-space": lambda body: "#,fuzzy\n" + body,
    "double-hash-comment": lambda body: "## note\n" + body,
    "blank-lines": lambda body: "\n\n" + body.replace("\n", "\n\n"),
    "crlf": lambda body: body.replace("\n", "\r\n"),
    "plain-to-plural-form": _live_only(_replace('msgstr "', 'msgstr[0] "')),
    "plural-forms-swapped": _replace('msgstr[0] "一個"\nmsgstr[1] "多個"', 'msgstr[1] "多個"\nmsgstr[0] "一個"'),
    "plural-form-skipped": _replace("msgstr[1]", "msgstr[2]"),
    "plural-index-zero-padded": _replace("msgstr[0]", "msgstr[00]"),
    "plural-to-plain-msgstr": _replace('msgstr[0] "一個"\nmsgstr[1] "多個"', 'msgstr "一個"'),
    "msgstr-marked-obsolete": _live_only(_replace("\nmsgstr", "\n#~ msgstr")),
    "msgstr-marked-live": _replace("#~ msgstr", "msgstr"),
    "continuation-marked-obsolete": _live_only(_insert_before_msgstr('#~ "x"\n')),
    "msgstr-dropped": lambda body: "\n".join(ln for ln in body.split("\n") if "msgstr" not in ln) or None,
    "duplicated": lambda body: body + "\n" + body,
    "unterminated-quote": _replace('"\n', "\n"),
    "invalid-escape": _replace('"apple"', '"ap\\qple"'),
    "unicode-escape": _replace('"apple"', '"ap\\u00e9ple"'),
    "bell-octal-hex-escapes": _replace('"蘋果"', '"\\a\\101\\x42\\303\\251"'),
    "escape-x-without-digits": _replace('"蘋果"', '"\\xzz"'),
    "eight-not-octal": _replace('"蘋果"', '"\\8"'),
    "comment-between-msgid-and-msgstr": _insert_before_msgstr("# note\n"),
    "flags-between-msgid-and-msgstr": _insert_before_msgstr("#, fuzzy\n"),
    "stray-text": lambda body: body + "this is not po\n",
    "second-msgstr": lambda body: body + 'msgstr "again"\n',
    "second-msgctxt": _replace('msgctxt "', 'msgctxt "a"\nmsgctxt "'),
    "plural-before-msgid": lambda body: 'msgid_plural "x"\n' + body,
    "string-before-keyword": lambda body: '"dangling"\n' + body,
    "context-separator-in-string": _replace('"蘋果"', '"蘋\x04果"'),
    "keyword-without-string": _replace('msgstr "蘋果"', "msgstr"),
    "index-on-msgid": _replace("msgid ", "msgid[0] ", 1),
    "trailing-previous": lambda body: body + '#| msgid "x"\n',
    "trailing-comment": lambda body: body + "# just a note\n",
    "unknown-keyword": _replace("msgstr", "msgtext"),
    "msgctxt-after-msgid": _replace('msgid "apple"\n', 'msgid "apple"\nmsgctxt "late"\n'),
    "previous-continuation": _replace('#| msgid "aple"', '#| msgid "ap"\n#| "le"'),
    "previous-unknown-keyword": _replace('#| msgid "aple"', '#| msgstr "aple"'),
    "empty-previous-mark": lambda body: "#|\n" + body,
    "comment-after-previous": _replace('#| msgid "aple"\n', '#| msgid "aple"\n# late\n'),
    "flags-after-previous": _replace('#| msgid "aple"\n', '#| msgid "aple"\n#, no-wrap\n'),
    "previous-context-only": _replace('#| msgid "aple"', '#| msgctxt "aple"'),
    "previous-plural-only": _replace('#| msgid "aple"', '#| msgid_plural "aple"'),
    "previous-full": _replace('#| msgid "aple"', '#| msgctxt "c"\n#| msgid "aple"\n#| msgid_plural "aples"'),
    "previous-reversed": _replace('#| msgid "aple"', '#| msgid "aple"\n#| msgctxt "c"'),
    "previous-twice": _replace('#| msgid "aple"', '#| msgid "aple"\n#| msgid "apel"'),
    "previous-obsolete-mark": _replace('#| msgid "aple"', '#~| msgid "aple"'),
    "previous-then-blank": _replace('#| msgid "aple"\n', '#| msgid "aple"\n\n'),
    "string-joined-by-backslash-newline": _replace('"apple"', '"app\\\nle"'),
    "keyword-joined-by-backslash-newline": _replace('msgstr "', 'msg\\\nstr "'),
    "comment-ending-in-backslash": lambda body: "# note\\\n" + body,
    "comment-ending-in-backslash-then-comment": lambda body: "# note\\\n# more\n" + body,
    "trailing-backslash-after-string": _replace('"蘋果"\n', '"蘋果" \\\n'),
}

NEIGHBOURED_SHAPES = ("simple", "plural", "obsolete")  # beside another entry: enough to catch state leaks
PLACEMENTS = {
    "alone": lambda body: body,
    "after-neighbour": lambda body: NEIGHBOUR + "\n" + body,
    "before-neighbour": lambda body: body + "\n" + NEIGHBOUR,
}


def _variants() -> dict[str, str]:
    out: dict[str, str] = {}
    seen: set[str] = set()
    for shape, body in SHAPES.items():
        for mutation, mutate in MUTATIONS.items():
            mutated = mutate(body)
            if mutated is None or (mutation != "as-is" and mutated == body):
                continue
            for placement, place in PLACEMENTS.items():
                if placement != "alone" and shape not in NEIGHBOURED_SHAPES:
                    continue
                text = HEADER + place(mutated)
                if text not in seen:
                    seen.add(text)
                    out[f"{shape}/{mutation}/{placement}"] = text
    # context "" beside the same msgid without context: two keys, both valid
    out["empty-context-beside-plain"] = HEADER + SHAPES["empty-context"] + "\n" + SHAPES["simple"]
    out["context-beside-plain"] = HEADER + SHAPES["context"] + "\n" + SHAPES["simple"]
    out["obsolete-beside-same-live"] = HEADER + SHAPES["simple"] + '\n#~ msgid "apple"\n#~ msgstr "x"\n'
    out["no-header-entry-comment-only"] = HEADER + "# only a comment\n"
    return out


VARIANTS = _variants()


def test_there_are_enough_distinct_variants() -> None:
    assert len(set(VARIANTS.values())) >= 100


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("oracle")


def _msgfmt_accepts(text: str, folder: Path) -> tuple[bool, str]:
    po = folder / "v.po"
    po.write_bytes(text.encode("utf-8"))
    done = subprocess.run([str(MSGFMT), "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True,
                          check=False)
    return done.returncode == 0, done.stderr


def _we_accept(text: str) -> tuple[bool, str]:
    try:
        parse_po(text.replace("\r\n", "\n"), "v.po")  # CRLF: fsio.read_text normalises line ends first
    except CatalogError as exc:
        assert exc.line is not None, f"refusal without a line number: {exc}"
        return False, str(exc)
    return True, ""


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_scanner_agrees_with_msgfmt(name: str, work_dir: Path) -> None:
    text = VARIANTS[name]
    gettext_ok, gettext_says = _msgfmt_accepts(text, work_dir)
    ours_ok, we_say = _we_accept(text)
    assert ours_ok == gettext_ok, f"msgfmt: {gettext_says.strip()!r}; we: {we_say!r}"
