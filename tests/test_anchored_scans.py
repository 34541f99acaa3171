"""The date and share scans tried only where a rarer character marks a possible start
(Report.search_at) find exactly what a scan of the whole text finds (Report.search_all)."""

from __future__ import annotations

import random

import pytest

from dvlint.model.report import Report
from dvlint.rules.citations import _SLASH_DAY, _SLASHED_DAY, _WRITTEN_DAY, _written_day_starts
from dvlint.rules.indicators import _STATED_SHARE

TEXTS = [
    "Kế hoạch số 153/KH-SKHCN ngày 29/3/2019, Công văn ngày 05 / 3 / 2020 và ngày 5/3/20201",
    "NGÀY 31 THÁNG 02 NĂM 2020; nGàY 5 tháng 3 năm 2020; xngày 5 tháng 3 năm 2020; Ngày  1\ntháng 12 năm 2021",
    "Giải quyết 15/16 thư, đạt 100%; 123/120 hồ sơ 25%; 2/3 diện tích từ 15% trở lên; 1.234/5 = 7 %",
    "5//3/2020 1/2/3/2020 12\t/ 3 /2020 ٣/٣/٢٠٢٠ ²/3/2020 12\n/5/2020 /5/2020 5/",
]


def _report(paragraphs: list[str]) -> Report:
    return Report.model_validate({"document": {"title": "x", "kind": "BÁO CÁO"}, "opening": paragraphs}).bind_paths()


def _found(pairs) -> list:
    return [(path, match.span(), match.groups()) for path, match in pairs]


def _same_as_whole_scans(report: Report) -> None:
    starts = report.numbers_before_slash
    for pattern, pattern_starts in ((_WRITTEN_DAY, _written_day_starts(report.joined_text)), (_SLASHED_DAY, starts),
                                    (_SLASH_DAY, starts), (_STATED_SHARE, starts)):
        assert _found(report.search_at(pattern, pattern_starts)) == _found(report.search_all(pattern))


def test_anchored_scans_find_what_whole_scans_find_in_written_cases():
    report = _report(TEXTS)
    assert _found(report.search_at(_SLASHED_DAY, report.numbers_before_slash))  # the cases hold dates
    _same_as_whole_scans(report)


@pytest.mark.parametrize("seed", range(4))
def test_anchored_scans_find_what_whole_scans_find_in_random_texts(seed):
    rng = random.Random(seed)
    atoms = ["1", "12", "123", "2020", "05", "/", " / ", " ", "\t", "\n", "%", "5%", ",", ".", "ngày", "Ngày", "NGÀY",
             "tháng", "THÁNG", "năm", "Năm", "xngày", "đạt", "٣", "²", "\u2003", "15/16", "3/2020", "ày", "gày"]
    paragraphs = ["".join(rng.choice(atoms) for _ in range(rng.randint(0, 14))) for _ in range(400)]
    _same_as_whole_scans(_report([p for p in paragraphs if p]))


@pytest.mark.parametrize("seed", range(3))
def test_legacy_sign_tests_pass_every_text_a_legacy_pattern_matches(seed):
    from dvlint.rules.text import _MAY_MATCH, _MOJIBAKE

    rng = random.Random(seed)
    chars = [chr(c) for c in range(0x7E, 0x250)] + ["Ã", "á", "º", "»", "‘", "°", "¡", "a", " "] * 10
    matched = 0
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 6)))
        for (_, _, pattern), may_match in zip(_MOJIBAKE, _MAY_MATCH):
            if pattern.search(text):
                matched += 1
                assert may_match(text), (text, pattern.pattern)
    assert matched > 1000


def test_a_vietnamese_capital_a_tilde_is_no_sign_of_double_decoding():
    from dvlint.rules.text import _MAY_MATCH

    assert not any(may_match("CÔNG TÁC LÃNH ĐẠO, XÃ HỘI") for may_match in _MAY_MATCH)
    assert _MAY_MATCH[0]("CÃ´ng") and _MAY_MATCH[0]("Cá»™ng") and not _MAY_MATCH[0]("XÃ")


@pytest.mark.parametrize("name", ["Huỳnh Văn Quân", "Trần Thị Bình", "Ư An", "Đỗ Ý"])
def test_signer_name_pattern_finds_what_a_look_behind_first_finds(name):
    import re

    from dvlint.knowledge import data
    from dvlint.rules.signature import _any_diacritics, _letter_classes

    parts = [r"\s+" if char == " " else _letter_classes().get(char, re.escape(char))
             for char in data.strip_diacritics(name).lower()]
    reference = re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", re.IGNORECASE)
    rng = random.Random(name)
    forms = {word: [word, word.upper(), data.strip_diacritics(word).lower(), "x" + word, word + "x", word[:-1]]
             for word in name.split()}
    matched = 0
    for _ in range(3000):
        text = "".join(rng.choice([" ", "  ", "\n", "", ",", " (", "."]).join(rng.choice(forms[w]) for w in name.split())
                       + rng.choice([" ", "", ".", "a"]) for _ in range(rng.randint(1, 3)))
        found = [(m.span(), m.group(0)) for m in _any_diacritics(name).finditer(text)]
        assert found == [(m.span(), m.group(0)) for m in reference.finditer(text)]
        matched += bool(found)
    assert matched > 100


def test_written_days_found_from_their_gay_are_those_the_whole_scan_finds():
    rng = random.Random(4)

    def one() -> str:
        space = lambda: rng.choice(["", " ", "  ", "\n", "\t", "x"])  # noqa: E731
        return (rng.choice(["", "x", " ", "(", "1", "à", "Ày"])
                + rng.choice(["ngày", "Ngày", "NGÀY", "nGÀy", "ngáy", "ngay", "xngày", "ngà", "gày", "ày"]) + space()
                + rng.choice(["5", "05", "31", "123", "", "٣"]) + space() + rng.choice(["tháng", "THÁNG", "thang"])
                + space() + rng.choice(["2", "12", ""]) + space() + rng.choice(["năm", "NĂM", "nam"]) + space()
                + rng.choice(["2020", "20", "20201"]))

    report = _report(["".join(one() for _ in range(rng.randint(1, 3))) for _ in range(3000)])
    found = _found(report.search_at(_WRITTEN_DAY, _written_day_starts(report.joined_text)))
    assert len(found) > 20
    assert found == _found(report.search_all(_WRITTEN_DAY))
