import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.segment import is_translatable, split_sentences

SPLITS = [
    # (paragraph, expected sentences)
    ("The fund invested HK$44.3 billion in Sep. 2024. It grew fast.",
     ["The fund invested HK$44.3 billion in Sep. 2024.", "It grew fast."]),
    ("Mr. Lam met Dr. Ng at No. 8 Science Park West Avenue. They discussed I&T.",
     ["Mr. Lam met Dr. Ng at No. 8 Science Park West Avenue.", "They discussed I&T."]),
    ("Firms in the U.S. market, e.g. the A.I. sector, rose 3.5 per cent. Hong Kong gained too.",
     ["Firms in the U.S. market, e.g. the A.I. sector, rose 3.5 per cent.", "Hong Kong gained too."]),
    ("Prices, i.e. rents, fell 2.1%. Demand held.", ["Prices, i.e. rents, fell 2.1%.", "Demand held."]),
    ("The ratio was 1:9. US$248 million was raised.", ["The ratio was 1:9.", "US$248 million was raised."]),
    ("The park (incl. 7 unicorns) hosts 2,200 firms. More will join.",
     ["The park (incl. 7 unicorns) hosts 2,200 firms.", "More will join."]),
    ('She said: "We are proud. The cluster ranks first." The event ended.',
     ['She said: "We are proud.', 'The cluster ranks first."', "The event ended."]),
    ("He said, “It works.” Then he left.", ["He said, “It works.”", "Then he left."]),
    ("The 'Maker in China' contest is run by us. Entries close soon.",
     ["The 'Maker in China' contest is run by us.", "Entries close soon."]),
    ("Funding reached HK$2.597 billion. Over 96 deals closed.",
     ["Funding reached HK$2.597 billion.", "Over 96 deals closed."]),
    ("Contact <1>Ms. Chan</1> for details. She replies fast.",
     ["Contact <1>Ms. Chan</1> for details.", "She replies fast."]),
    ("See <1>the report. It is long</1> for details.",
     ["See <1>the report. It is long</1> for details."]),
    ("A single sentence without a full stop", ["A single sentence without a full stop"]),
    ("Is it ready? Yes! It opens today.", ["Is it ready?", "Yes!", "It opens today."]),
    ("Approx. 2,500 leads were generated. Most were new.",
     ["Approx. 2,500 leads were generated.", "Most were new."]),
    ("Under Cap. 123, the Ordinance applies. It took effect on Jan. 1, 2025.",
     ["Under Cap. 123, the Ordinance applies.", "It took effect on Jan. 1, 2025."]),
    ("Vol. 2 of the report is out. Read para. 4 first.", ["Vol. 2 of the report is out.", "Read para. 4 first."]),
    ("The event runs from 9 a.m. to 5 p.m. The venue is Hall 3.",
     ["The event runs from 9 a.m. to 5 p.m.", "The venue is Hall 3."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.strip() for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a contact line with its label is a unit (the label is rendered by rule)
        ("Tel: ( 852 ) 3166 3993", True),
        ("Tel: (852) 2123 4567 / Fax: 2123 4568", True),
        ("Email: <1>press@harbour.example</1>", True),
        ("Enquiries: Ms Chan, 2345 6789", True),
        # values alone are not
        ("press@harbour.example", False),
        ("+852 2123 4567", False),
        ("(852) 2123 4567 / 2123 4568", False),
        ("<1>press@harbour.example</1>", False),
        ("<1/> / <2/>", False),
        ("<1/>", False),
        ("###", False),
        ("https://www.example.org/a", False),
        ("2025", False),
        ("Maggie Hui", True),
        ("For more information, please visit <1/>.", True),
        ("Call 2123 4567 for details.", True),
        ("Enquiries", True),
        ("Website", True),
        ("Contact: press@harbour.example", True),
        ("Fax: 2114 4900.", True),
    ],
)
def test_is_translatable(text: str, expected: bool) -> None:
    assert is_translatable(text) is expected


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_split_never_loses_text(text: str) -> None:
    parts = split_sentences(text)
    assert "".join(parts).split() == text.split() or not text.strip()


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("Tel: 2114 4900.", ["2114 4900"]),
        ("Call (852) 3166 3993 today", ["(852) 3166 3993"]),
        ("The 2019-2020 budget and 2024 2025 too.", []),
        ("About 3000 5000 people came.", []),
        ("+852 2123 4567", ["+852 2123 4567"]),
    ],
)
def test_phone_spans(text: str, phones: list[str]) -> None:
    from l10n.segment import phone_spans

    assert [text[a:b] for a, b in phone_spans(text)] == phones
