"""The foot block: Nơi nhận and the signature (authority, title, name)
(Nghị định 30/2020, Phụ lục I, mục II.7-8).

The recognisers of its lines, and the part of the classifier's walk that reads
it (FootReader, mixed into dvlint.importers.classify.Classifier).
"""

from __future__ import annotations

import difflib
import functools
import re

from dvlint.importers import ITEM_MARKS, SourceLine, ascii_fold, is_upper
from dvlint.knowledge import data
from dvlint.model import parsing

_SIGNER_WORDS = (
    "giam doc", "chu tich", "bi thu", "truong", "pho ", "chanh", "thu truong", "thu tuong", "tong ", "uy vien",
    "cuc truong", "vien truong", "hieu truong", "ban ", "thu ky", "uy ban", "dang uy", "ban thuong vu", "lanh dao",
)
# A deputy's title run on after the head's ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"), as converters that
# join a cell's lines write it.
_SIGNS_FOR_WITH_TITLE = re.compile(r"^(?P<authority>(?:KT|K/T)\.?\s*\S.*?)\s+(?P<title>PHÓ\s+\S.*)$")
_SIGNED = re.compile(r"^\(?\s*(đã ký|ký|signed|ký tên, đóng dấu|đã ký và đóng dấu)\s*\)?$", re.IGNORECASE)


def is_recipients_heading(text: str) -> bool:
    if len(text.strip(" *_:")) > 16:  # "Nơi nhận:" misspelt still fits; a longer line is no heading
        return False
    folded = ascii_fold(text).rstrip(" :")
    return len(folded) <= 12 and difflib.SequenceMatcher(None, folded, "noi nhan").ratio() >= 0.75


def is_signer_title(text: str) -> bool:
    folded = ascii_fold(text) + " "
    return is_upper(text) and len(text.split()) <= 9 and any(word in folded for word in _SIGNER_WORDS)


def is_person_name(text: str) -> bool:
    """'Nguyễn Văn An', and with an armed-forces rank before it: 'Thiếu tướng Trương Minh Đương'."""
    words = _without_rank(text.replace(".", " ").split())
    return (2 <= len(words) <= 6 and not any(ch.isdigit() for ch in text)
            and all(w[0].isupper() and not w.isupper() for w in words if w.isalpha() and len(w) > 1)
            and not text.rstrip().endswith((";", ",", ":")))


def _without_rank(words: list[str]) -> list[str]:
    for rank in data.authorities().ranks_before_name:
        size = len(rank.split())
        if ascii_fold(" ".join(words[:size])) == ascii_fold(rank):
            return words[size:]
    return words


def recipient_text(line: str) -> str:
    """A recipient line without its leading dash and trailing punctuation."""
    return re.sub(r"^[\s\-–—+•*]+", "", line).rstrip(" ;,.").strip()


def is_archive_line(line: str) -> bool:
    """'- Lưu: VT, NC.', and 'Luu: VT' in a text typed without tone marks (DV105 and DV503 say so)."""
    return data.strip_diacritics(data.fold(recipient_text(line))).startswith("luu")


class FootReader:
    """Nơi nhận and the signature block; the walk's state is the Classifier's."""

    def start_recipients(self, line: SourceLine) -> None:
        self.data["recipients"] = {"heading": line.text, "lines": []}
        self.recipients_dashed = True  # every recipient line so far starts with an item mark
        self.place(("recipients",), line)
        self.place(("recipients", "heading"), line)
        self.note(line, "recipients")
        self.mode = "recipients"

    def add_recipient(self, line: SourceLine) -> None:
        lines = self.data["recipients"]["lines"]
        lines.append(line.text)
        self.recipients_dashed = self.recipients_dashed and _dashed(line.text)
        self.place(("recipients", "lines", len(lines) - 1), line)
        self.extend_span(("recipients",), line)
        self.note(line, "recipient")

    def recipient_goes_on(self, line: SourceLine) -> bool:
        """A recipient wrapped onto the next line ("- Sở Tư pháp các tỉnh, thành phố trực thuộc (để" /
        "phối hợp);"): appended to it, when it has not ended and the line is no signature's. Where
        every recipient so far starts with a dash, a line ending in a comma has not ended either
        ("- VP UBND tỉnh: LĐVP, KGVX," / "TTTT, TTPVHCC;")."""
        lines = self.data["recipients"]["lines"]
        if not lines or self.looks_like_signature(line):
            return False
        ended = (";", ".") if self.recipients_dashed else (";", ".", ",")
        if lines[-1].rstrip().endswith(ended):
            return False
        lines[-1] = f"{lines[-1]} {line.text.strip()}"
        self.extend_span(("recipients", "lines", len(lines) - 1), line)
        self.note(line, "recipient")
        return True

    def looks_like_signature(self, line: SourceLine, strict: bool = False) -> bool:
        """An authority line (KT. GIÁM ĐỐC), or, unless ``strict``, a signer's title."""
        authority = parsing.parse_authority(line.text)
        if authority.prefix and is_upper(authority.signs_for):
            return True
        return not strict and is_signer_title(line.text)

    def signature_line(self, line: SourceLine) -> bool:
        """Authority line, title line, name; True when ``line`` was one of them."""
        if self.mode == "recipients" and not self.looks_like_signature(line):
            return False
        signature = self.data.get("signature", {})
        part = self.signature_part(line.text, signature)
        if part is None:
            return False
        if "signature" not in self.data:
            self.data["signature"] = signature
            self.place(("signature",), line)
        deputy = _SIGNS_FOR_WITH_TITLE.match(line.text) if part == "authority" else None
        titled = _title_with_name(line.text) if part == "title" else None
        if titled:  # "PHÓ GIÁM ĐỐC ơNguyễn Đức Vũ": a signed PDF's name drawn on the title's line
            title, at, name = titled
            signature["title"], signature["name"] = title, name
            self.place(("signature", "title"), line)
            self.place(("signature", "name"), SourceLine(name, line.line, line.column + at))
            part = "name"
        elif deputy:  # "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC": the line break between the two was lost in conversion
            signature["authority"], signature["title"] = deputy["authority"], deputy["title"]
            self.place(("signature", "authority"), line)
            self.place(("signature", "title"), SourceLine(deputy["title"], line.line, line.column + deputy.start("title")))
        elif part != "signed":
            signature[part] = line.text
            self.place(("signature", part), line)
            if part in ("authority", "second_authority", "title"):
                self.wrapped_signature_line(part, signature)
        self.note(line, f"signature.{part}")
        self.mode = "tail" if "name" in signature else "signature"
        return True

    def wrapped_signature_line(self, part: str, signature: dict) -> None:
        """An authority or title line that a narrow cell wrapped after a comma goes on on the next line
        ("KT. TRƯỞNG BAN BAN CHÍNH SÁCH," / "THUẾ QUỐC TẾ")."""
        following = self.peek()
        if (following is None or following.blank or following.row is not None
                or not signature[part].rstrip().endswith(",") or not is_upper(following.text)
                or parsing.parse_authority(following.text).prefix):
            return
        signature[part] = f"{signature[part]} {following.text}"
        self.extend_span(("signature", part), following)
        self.note(following, f"signature.{part}")
        self.i += 1

    @staticmethod
    def signature_part(text: str, signature: dict) -> str | None:
        authority = parsing.parse_authority(text)
        if _SIGNED.match(text.strip()):
            return "signed"
        if authority.prefix and is_upper(authority.signs_for) and not signature.keys() & {"authority", "title"}:
            return "authority"
        if authority.prefix and is_upper(authority.signs_for) and not signature.keys() & {"second_authority", "title"}:
            return "second_authority"
        if (is_signer_title(text) or _title_with_name(text)) and not signature.keys() & {"title", "name"}:
            return "title"
        if signature and "name" not in signature and is_person_name(text):
            return "name"
        return None


@functools.cache
def _trailing_name() -> re.Pattern:
    r"""A name at the end of a line. Compiled when an importer first asks (3 ms: its Vietnamese letter
    ranges), not on every start-up: the rules import this module for its Nơi nhận helpers alone.

    The name's words are apart by spaces (\s+, never \s*: with \s* a run of capitalised syllables can be
    cut into words in exponentially many ways, and a 3 KB text took 594 s of CPU in the fuzz run).
    """
    return re.compile(r"(?P<junk>[^\s\w]|[a-zà-ỹđ])?(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,5})\s*$")


def _title_with_name(text: str) -> tuple[str, int, str] | None:
    """(title, where the name starts, name) of a title line a name stands on, as a signed PDF's text
    may give it ("PHÓ GIÁM ĐỐC ơNguyễn Đức Vũ": a stray mark of the signature image between)."""
    m = _trailing_name().search(text)
    if m is None or m.start() == 0:
        return None
    title, name = text[:m.start()].strip(), m["name"].strip()
    if not (is_upper(title) and is_signer_title(title) and is_person_name(name)):
        return None
    return title, m.start("name"), name


def _dashed(line: str) -> bool:
    """Whether a recipient line starts with an item mark. Where every one does, a line without it goes
    on the one above; the flag is kept as lines come (one pass: a check of every line at every line
    took 47 s on a crafted 290 KB list)."""
    return line.lstrip().startswith(ITEM_MARKS)
