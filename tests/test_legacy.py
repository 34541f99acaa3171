"""dvlint.legacy: real report text written in TCVN3, VNI and Windows-1258 is named and converted back."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS
from dvlint.source import legacy
from legacy_encode import to_tcvn3, to_vni, to_windows_1258, _nfc

ENCODINGS = [("TCVN3 (ABC)", to_tcvn3), ("VNI", to_vni), ("Windows-1258", to_windows_1258)]


def seed_text(name: str) -> str:
    """A seed, without the few characters the legacy encodings cannot hold (they have no code for them)."""
    text = _nfc((SEEDS / f"{name}.md").read_text(encoding="utf-8"))
    return "".join(c for c in text if c < "\u0100" or c in legacy._vietnamese_letters())


@pytest.mark.parametrize("seed", ["dong-thap-2020-tong-ket-10-nam-290", "hung-yen-2024-qcdc-9-thang",
                                  "dak-nong-2023-ke-hoach-dvcq"])
@pytest.mark.parametrize("name, encode", ENCODINGS)
def test_a_seed_in_a_legacy_encoding_is_named_and_converted_back(seed, name, encode):
    text = seed_text(seed)
    guess = legacy.detect(encode(text))
    assert guess is not None and guess.name == name
    if name.startswith("TCVN3"):  # capitals TCVN3 has no codes for are restored from context: compare the letters
        assert guess.text.lower() == text.lower()
        assert sum(a != b for a, b in zip(guess.text, text)) < len(text) / 500
    else:
        assert guess.text == text


@pytest.mark.parametrize("heading", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "UBND TỈNH HƯNG YÊN", "SỞ NỘI VỤ",
                                     "Sở Nội vụ báo cáo", "Độc lập - Tự do - Hạnh phúc", "Số: 05/KH-SNV",
                                     "BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN", "Đà Nẵng"])
def test_tcvn3_capitals_come_back(heading):
    assert legacy.from_tcvn3(to_tcvn3(heading)) == heading


@pytest.mark.parametrize("data", [b"Caf\xe9 cr\xe8me br\xfbl\xe9e", bytes(range(128, 256)), b"\xff" * 50, b"abc"])
def test_what_is_not_vietnamese_is_not_named(data):
    assert legacy.detect(data) is None


# Encoded by a tool that owes nothing to dvlint's tables: glibc's iconv (TCVN 5712:1993, whose lower-case
# letters are those of the ABC fonts' TCVN3; Windows-1258, which writes a letter's tone as a combining mark
# after the letter with its shape: "ế" is "ê" and the acute).
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _tone_apart(text: str) -> str:
    import unicodedata

    out = []
    for c in text:
        parts = unicodedata.normalize("NFD", c)
        tones = "".join(p for p in parts if p in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES)) + tones)
    return "".join(out)


@pytest.mark.parametrize("iconv_name, name", [("TCVN5712-1", "TCVN3 (ABC)"), ("CP1258", "Windows-1258")])
def test_a_text_encoded_by_iconv_is_named_and_read_back(iconv_name, name):
    import subprocess

    text = seed_text("hung-yen-2024-qcdc-9-thang").lower()  # TCVN3's capitals are a font's, not codes
    written = _tone_apart(text) if iconv_name == "CP1258" else text
    encoded = subprocess.run(["iconv", "-f", "UTF-8", "-t", iconv_name], input=written.encode("utf-8"),
                             capture_output=True, check=True).stdout
    guess = legacy.detect(encoded)
    assert guess is not None and guess.name == name
    assert _nfc(guess.text) == text


def test_a_report_typed_in_vni_by_an_independent_tool_is_named_and_read_back():
    """VNI has no iconv encoder: the sample was written by another project's converter (tests/data/legacy)."""
    folder = Path(__file__).parent / "data" / "legacy"
    guess = legacy.detect((folder / "hung-yen-2024-qcdc-9-thang.vni.txt").read_bytes())
    assert guess is not None and guess.name == "VNI"
    assert _nfc(guess.text) == (folder / "hung-yen-2024-qcdc-9-thang.txt").read_text(encoding="utf-8")
