"""Helpers shared by the XLIFF tests: the OASIS schemas (loaded without network) and a
project folder holding the fixture catalog and its source document."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from lxml import etree

DATA = Path(__file__).parent / "data" / "xliff"
W3C_XML_XSD = "http://www.w3.org/2001/xml.xsd"
PO_REL = Path("locales") / "zh_Hant_HK" / "LC_MESSAGES" / "release.po"
NS2 = "urn:oasis:names:tc:xliff:document:2.0"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
SCHEMAS = {"2.0": "xliff_core_2.0.xsd", "1.2": "xliff-core-1.2-strict.xsd"}


class _LocalXmlXsd(etree.Resolver):
    """The schemas import the W3C ``xml.xsd`` by URL: serve the shipped copy instead."""

    def resolve(self, url: str | None, pubid: str | None, context: object) -> object:
        if url == W3C_XML_XSD:
            return self.resolve_filename(str(DATA / "xml.xsd"), context)
        return None


@functools.cache
def schema(version: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(DATA / SCHEMAS[version]), parser))


def assert_valid(data: bytes, version: str) -> None:
    checker = schema(version)
    doc = etree.fromstring(data)
    assert checker.validate(doc), "\n".join(str(e) for e in checker.error_log)


def make_project(root: Path) -> Path:
    """The fixture catalog under ``root/locales`` and its source beside it; returns the PO."""
    po = root / PO_REL
    po.parent.mkdir(parents=True)
    shutil.copy(DATA / "release.po", po)
    shutil.copy(DATA / "release.md", root / "release.md")
    return po
