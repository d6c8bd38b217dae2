import pytest

from l10n.errors import InputError
from l10n.locales import parse_locale


@pytest.mark.parametrize(
    ("given", "tag", "posix"),
    [
        ("zh-Hant-HK", "zh-Hant-HK", "zh_Hant_HK"),
        ("zh-Hans-CN", "zh-Hans-CN", "zh_Hans_CN"),
        ("zh-HK", "zh-Hant-HK", "zh_Hant_HK"),
        ("zh-TW", "zh-Hant-TW", "zh_Hant_TW"),
        ("zh-CN", "zh-Hans-CN", "zh_Hans_CN"),
        ("zh_Hant_HK", "zh-Hant-HK", "zh_Hant_HK"),
        ("zh_HK", "zh-Hant-HK", "zh_Hant_HK"),
        ("ZH-hant-hk", "zh-Hant-HK", "zh_Hant_HK"),
        ("zh", "zh-Hans-CN", "zh_Hans_CN"),
    ],
)
def test_parse_locale(given: str, tag: str, posix: str) -> None:
    loc = parse_locale(given)
    assert (loc.tag, loc.posix) == (tag, posix)


@pytest.mark.parametrize("bad", ["fr-FR", "zh-Hant-HK-x-foo-bar", "", "12"])
def test_bad_locale(bad: str) -> None:
    with pytest.raises(InputError):
        parse_locale(bad)
