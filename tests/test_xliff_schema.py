"""Every XLIFF l10n writes is valid against the OASIS schema of its version (XLIFF 2.0
core, XLIFF 1.2 strict), validated with lxml and no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from l10n.exchange.xliff import export_catalog
from tests.xliff_support import DATA, NS2, NS12, assert_valid, make_project, schema

REPO = Path(__file__).parent.parent
SAMPLE_CATALOGS = sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("version", ["2.0", "1.2"])
@pytest.mark.parametrize("with_source", [True, False], ids=["source-markup", "notes-only"])
def test_fixture_export_is_valid(tmp_path: Path, version: str, with_source: bool) -> None:
    po = make_project(tmp_path)
    data = export_catalog(po, version=version, roots=[tmp_path] if with_source else [])
    assert_valid(data, version)


@pytest.mark.parametrize("version", ["2.0", "1.2"])
@pytest.mark.parametrize("catalog", SAMPLE_CATALOGS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_bundled_catalogs_export_valid(catalog: Path, version: str) -> None:
    assert_valid(export_catalog(catalog, version=version, roots=[REPO]), version)


def test_bundled_catalogs_are_there() -> None:
    assert len(SAMPLE_CATALOGS) >= 2


@pytest.mark.parametrize(("version", "namespace", "broken"), [
    ("2.0", NS2, "srcLang"),
    ("1.2", NS12, "version"),
])
def test_the_schema_does_reject_a_broken_file(tmp_path: Path, version: str, namespace: str, broken: str) -> None:
    """The validator is live: the same export without a required attribute fails."""
    po = make_project(tmp_path)
    root = etree.fromstring(export_catalog(po, version=version))
    assert etree.QName(root).namespace == namespace
    del root.attrib[broken]
    assert not schema(version).validate(root)


def test_schemas_are_shipped_with_their_headers() -> None:
    assert "Copyright (c) OASIS Open 2014" in (DATA / "xliff_core_2.0.xsd").read_text(encoding="utf-8")
    assert 'targetNamespace="urn:oasis:names:tc:xliff:document:1.2"' in \
        (DATA / "xliff-core-1.2-strict.xsd").read_text(encoding="utf-8")
