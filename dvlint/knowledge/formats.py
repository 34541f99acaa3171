"""State or Party: which set of format rules a document answers to.

Nghị định 30/2020/NĐ-CP governs state documents; Quy định 66-QĐ/TW (399-QĐ/TW
from its cut-over) and its guidance govern Party documents. A document shows
which it is in three places: its number (``05/BC-SKHCN`` vs ``12-BC/ĐU``), its
header (Quốc hiệu vs "ĐẢNG CỘNG SẢN VIỆT NAM") and its signature prefix
(``KT.`` vs ``K/T``). An explicit ``document.format`` wins. Rules that judge
one of those places ask for the format *as shown by the others*, so that the
place they judge is not its own witness.
"""

from __future__ import annotations

from dataclasses import dataclass

from dvlint.knowledge import data
from dvlint.i18n import Msg

STATE, PARTY = "state", "party"

# The level a body's code carries. A state sector's code leads with it (Bộ, Sở, Phòng: BTP, STP, PTP); the
# bodies of a Party committee end with it (Trung ương, Tỉnh ủy, Thành ủy, Thị xã ủy, Huyện ủy, Quận ủy, Đảng
# ủy: BDVTW, BDVTU, BDVTPU, BDVTXU, BDVHU, BDVQU, BDVĐU). Two codes that differ only there are one sector's
# bodies at two levels: two issuers, neither a misspelling of the other.
STATE_LEVEL_PREFIXES = "BSP"
PARTY_LEVEL_SUFFIXES = ("TXU", "TPU", "TW", "TU", "HU", "QU", "ĐU")


def sector_of(code: str) -> str:
    """A body's code without its level (BTP, STP -> TP; BDVTU, BDVHU -> BDV); a short code is kept whole."""
    for suffix in PARTY_LEVEL_SUFFIXES:
        if code.endswith(suffix) and len(code) - len(suffix) >= 2:
            return code[: -len(suffix)]
    return code[1:] if len(code) > 2 and code[0] in STATE_LEVEL_PREFIXES else code


def other_level_of_one_sector(code: str, other: str) -> bool:
    """Whether two different codes are one sector's bodies at two levels (BGDĐT and SGDĐT; BDVTU and BDVHU)."""
    return code != other and sector_of(code) == sector_of(other)
FORM_NAMES = {
    STATE: Msg("văn bản nhà nước", "state document"),
    PARTY: Msg("văn bản của Đảng", "Party document"),
}


@dataclass(frozen=True, slots=True)
class FormatEvidence:
    declared: str | None
    number: str | None
    header: str | None
    signature: str | None

    def resolved(self, exclude: str | None = None) -> str | None:
        """The format by the strongest evidence, leaving out one witness."""
        for source in ("declared", "header", "number", "signature"):
            if source == exclude:
                continue
            value = getattr(self, source)
            if value:
                return value
        return None

    @property
    def format(self) -> str:
        return self.resolved() or STATE


def evidence(report) -> FormatEvidence:
    doc = report.document
    number = doc.parsed_number.form if doc.parsed_number else None
    return FormatEvidence(doc.format, number, _header_format(doc.header), _signature_format(report.signature))


def _header_format(header) -> str | None:
    if header is None:
        return None
    if header.party_name and "đảng cộng sản" in data.fold(header.party_name):
        return PARTY
    if header.national_name or header.motto:
        return STATE
    return None


def _signature_format(signature) -> str | None:
    if signature is None or signature.parsed_authority is None or not signature.parsed_authority.prefix:
        return None
    prefix = signature.parsed_authority.prefix
    if "/" in prefix:
        return PARTY
    if prefix == "Q.":
        return None  # written the same in both systems
    return STATE
