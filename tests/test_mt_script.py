"""Simplified → Hong Kong Traditional with OpenCC, tokens and tags untouched."""

from __future__ import annotations

from l10n.mt.script import to_hong_kong


def test_converts_to_hong_kong_forms() -> None:
    assert to_hong_kong("香港金融管理局发布的数据显示") == "香港金融管理局發佈的數據顯示"
    assert to_hong_kong("总开支为443亿港元。") == "總開支為443億港元。"


def test_tokens_and_tags_survive() -> None:
    text = "请浏览 QXZAA 网站<1>发布</1>，qxzab 后台 QXZ AC"
    assert to_hong_kong(text) == "請瀏覽 QXZAA 網站<1>發佈</1>，qxzab 後台 QXZ AC"


def test_empty_and_latin_unchanged() -> None:
    assert to_hong_kong("") == ""
    assert to_hong_kong("HK$44.3 billion, www.info.gov.hk") == "HK$44.3 billion, www.info.gov.hk"
