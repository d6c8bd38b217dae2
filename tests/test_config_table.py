"""The configuration keys are one table (``config.CONFIG_KEYS``): each key names its
section, its parser and the ``Settings`` field it sets, and the committed
``pipeline/nightly.toml`` documents exactly those keys."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from l10n.config import CONFIG_KEYS, Settings, settings_from_mapping
from l10n.errors import ConfigError

NIGHTLY = Path(__file__).resolve().parents[1] / "pipeline" / "nightly.toml"
#: Settings fields no configuration key sets: filled in by load_settings itself.
NOT_FROM_FILE = {"notes"}
#: Keys the nightly file does not list yet (README's configuration table does).
NOT_IN_NIGHTLY = {"mt.engine"}


def test_every_key_sets_a_settings_field_and_every_field_has_a_key() -> None:
    names = {f.name for f in fields(Settings)}
    assert {k.field for k in CONFIG_KEYS} == names - NOT_FROM_FILE
    assert len({k.dotted for k in CONFIG_KEYS}) == len(CONFIG_KEYS)


def test_the_nightly_configuration_documents_every_key() -> None:
    data = tomllib.loads(NIGHTLY.read_text(encoding="utf-8"))
    documented = {f"{section}.{key}" for section, table in data.items() for key in table}
    assert documented == {k.dotted for k in CONFIG_KEYS} - NOT_IN_NIGHTLY


@pytest.mark.parametrize("key", CONFIG_KEYS, ids=lambda k: k.dotted)
def test_a_value_of_the_wrong_type_names_its_key(key) -> None:
    with pytest.raises(ConfigError) as info:
        settings_from_mapping({key.section: {key.name: {"a": object()} if key.name != "severities" else 3}},
                              source="x.toml")
    assert key.dotted in info.value.message
    assert info.value.path == "x.toml"


def test_the_nightly_values_are_the_defaults() -> None:
    """The file says "the values below are the defaults unless marked otherwise"."""
    data = tomllib.loads(NIGHTLY.read_text(encoding="utf-8"))
    s = settings_from_mapping(data)
    marked_otherwise = {"sources", "glossary"}  # resolved against the project by load_settings
    for key in CONFIG_KEYS:
        if key.field in marked_otherwise or key.dotted == "output.report":
            continue
        assert getattr(s, key.field) == getattr(Settings(), key.field), key.dotted
