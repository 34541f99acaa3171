"""The body's outline: numbered headings and their paragraphs, the closing,
footnotes, tables and appendices (Nghị định 30/2020, Phụ lục I, mục II.6).

The recognisers of numbering labels and of wrapped text, and the part of the
classifier's walk that builds the sections (OutlineReader, mixed into
dvlint.importers.classify.Classifier).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from dvlint.importers import ITEM_MARKS, SourceLine, ascii_fold, is_upper

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{1,3}|V)"
# Every numbering real writers use (Nghị định 30 prescribes none; Party documents use "1-"): "I.", "II.-",
# "III.- ", "1.", "1-", "1.2.", "1.2-", "a)", "Điều 5.", "Phần thứ hai", "Chương I", "Mục 2".
_PART = r"(?i:phần|chương|mục)\s+(?:(?i:thứ)\s+\w+|[IVX]+|\d{1,2})"
_ARTICLE = r"(?i:điều)\s+\d{1,3}"
_LABEL = re.compile(
    rf"^(?P<label>{_PART}\s*[.:\-–]?|{_ARTICLE}\s*[.:]|{_ROMAN}\s*(?:\.\s*[\-–]|[.\-–])"
    rf"|\d{{1,2}}(?:\.\d{{1,2}})+\.?(?:\s*[\-–])?|\d{{1,2}}\s*[.\-–)]|[a-zđ]\s*[).])(?P<gap>\s*)(?P<rest>\S.*)$"
)
_PART_ALONE = re.compile(rf"^\s*(?P<label>{_PART})\s*[.:\-–]?\s*$")
_ARTICLE_TITLE = 120  # an article's title ("Điều 2. Hiệu lực thi hành") is short and ends no sentence
_HEADING_BELOW = 120  # a part's heading on the line under its label is no longer than this
_UNNUMBERED = 99  # the rank of an unnumbered part: the first numbered heading closes it
_FOOTNOTE = re.compile(r"^\[(?P<label>\d+)\]\s*(?P<text>.*)$")
_TERMINAL = (".", ";", ":", "!", "?", "…", ")", "”", '"', "./.")


def is_appendix_heading(line: SourceLine) -> bool:
    folded = ascii_fold(line.text)
    return folded.startswith("phu luc") and (len(line.text) <= 40 or line.heading)


def label_rank(label: str) -> int:
    """How deep a numbering label sits: Phần < I. (or Điều 1.) < 1. < 1.1. < 1.1.1. < a)."""
    core = label.replace(" ", "")
    if re.match(_PART.replace("\\s+", r"\s*"), core):
        return -1
    if re.match(_ARTICLE.replace("\\s+", r"\s*"), core):
        return 0
    if re.fullmatch(rf"{_ROMAN}(?:\.[\-–]|[.\-–])", core):
        return 0
    if re.fullmatch(r"\d+(\.\d+)+\.?[\-–]?", core):
        return core.rstrip(".-–").count(".") + 1
    if re.fullmatch(r"\d+[.\-–)]", core):
        return 1
    return 10  # a), b)


def is_article(label: str) -> bool:
    """Whether the label numbers an article of a decision or a regulation ("Điều 5.")."""
    return bool(re.match(_ARTICLE, label))


def split_label(text: str) -> tuple[str | None, str]:
    """(label, rest) of a numbered line, or (None, text).

    A label glued to its text ("6.1.Công tác", "II.KẾT QUẢ") counts when the text after
    it starts with a capital; "1.5 tỷ" or "3.000" is a number, not a label.
    """
    alone = _PART_ALONE.match(text)
    if alone:
        return " ".join(alone["label"].split()), ""
    m = _LABEL.match(text)
    if not m:
        return None, text
    label = m["label"]
    if not m["gap"] and not (label.rstrip()[-1:] in ".-–)" and m["rest"][:1].isupper()):
        return None, text
    if re.match(_PART, label) or re.match(_ARTICLE, label):
        return " ".join(label.split()), m["rest"]
    return label.replace(" ", ""), m["rest"]


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def starts_lower(text: str) -> bool:
    first = text.lstrip("“\"'(")[:1]
    return first.isalpha() and first.islower()


@dataclass
class TextRef:
    """The text a following line may continue: a paragraph, a heading, a footnote."""

    path: tuple
    get: Callable[[], str]
    set: Callable[[str], None]
    category: str


def list_item(container: list, index: int) -> tuple[Callable, Callable]:
    return (lambda: container[index]), (lambda value: container.__setitem__(index, value))


def dict_item(mapping: dict, key: str) -> tuple[Callable, Callable]:
    return (lambda: mapping[key]), (lambda value: mapping.__setitem__(key, value))


class OutlineReader:
    """Sections, paragraphs, footnotes, appendices and tables; the walk's state is the Classifier's."""

    def text_line(self, line: SourceLine, after_blank: bool) -> None:
        text = line.text
        label, rest = split_label(text)
        if label and self.mode != "closing" and self.is_heading(line, label, rest):
            self.start_section(line, label, rest)
            return
        if self.last is not None and self.continues(line, after_blank):
            self.append_text(line)
            return
        if ascii_fold(text).startswith("tren day") and self.mode == "body":
            self.mode = "closing"
        if self.mode == "closing":
            self.add_text(("closing",), self.data.setdefault("closing", []), line, "closing")
        elif self.stack:
            path, section = self.stack[-1][1], self.stack[-1][2]
            self.add_text(path + ("paragraphs",), section.setdefault("paragraphs", []), line, "paragraph")
        else:
            self.add_text(("opening",), self.data.setdefault("opening", []), line, "opening")

    def is_heading(self, line: SourceLine, label: str, rest: str) -> bool:
        if line.heading or is_article(label):
            return True
        if label_rank(label) == 0:
            return len(rest) < 250
        if self.continued_below():
            return False  # "b) ... công tác đánh" / page break / "giá, quy hoạch ...": a paragraph
        return len(rest) <= 220 and not ends_sentence(rest) and not rest.rstrip().endswith(",")

    def continued_below(self) -> bool:
        """Whether the next non-blank line goes on in lower case (text split by a page break).

        A line that opens an item of its own ("a) Cải cách ...", "- Tổ chức ...") starts in lower
        case too, but goes on from nothing: "2. Kết quả cụ thể" above it stays a heading.
        """
        for following in self.lines[self.i:]:
            if not following.blank:
                text = following.text
                if split_label(text)[0] or text.lstrip().startswith(ITEM_MARKS):
                    return False
                return following.row is None and not following.heading and starts_lower(text)
        return False

    def continues(self, line: SourceLine, after_blank: bool) -> bool:
        """Whether ``line`` goes on from the last text (wrapped, or across a page break)."""
        previous = self.last.get()
        text = line.text
        if text.lstrip().startswith(ITEM_MARKS) or split_label(text)[0]:
            return False
        if self.last.category == "heading":  # a heading goes on only with a lower-case word
            return starts_lower(text)
        if self.last_bold and not line.heading:
            return False  # a wholly bold line ("**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH**") is a line of its own
        if after_blank:
            return not ends_sentence(previous) and starts_lower(text)
        if line.column > 1 and ends_sentence(previous) and not starts_lower(text):
            return False  # an indented first line after a full stop: text from a PDF starts a paragraph so
        return True  # hard-wrapped lines of one paragraph

    def append_text(self, line: SourceLine) -> None:
        self.last_bold = self.last_bold and line.heading
        self.last.set(f"{self.last.get()} {line.text}")
        self.extend_span(self.last.path, line)
        self.note(line, self.last.category)

    def add_text(self, base: tuple, container: list, line: SourceLine, category: str) -> None:
        container.append(line.text)
        path = base + (len(container) - 1,)
        self.place(path, line)
        self.last = TextRef(path, *list_item(container, len(container) - 1), category)
        self.last_bold = line.heading
        self.note(line, category)

    def start_section(self, line: SourceLine, label: str, rest: str) -> None:
        rank = label_rank(label)
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        siblings = self.stack[-1][2].setdefault("children", []) if self.stack else self.data.setdefault("sections", [])
        parent_path = self.stack[-1][1] + ("children",) if self.stack else ("sections",)
        if not rest:
            rest = self.heading_below()  # "Phần thứ nhất" / "KẾT QUẢ THỰC HIỆN"
        content = is_article(label) and (ends_sentence(rest) or len(rest) > _ARTICLE_TITLE)
        section = {"label": label, "heading": "" if content else rest}
        if content:  # "Điều 1. Công bố kèm theo Quyết định này ...": the article's text, not its title
            section["paragraphs"] = [rest]
        siblings.append(section)
        path = parent_path + (len(siblings) - 1,)
        self.stack.append((rank, path, section))
        self.place(path, line)
        self.place(path + ("label",), line)
        heading_line = SourceLine(rest, line.line, line.column + len(line.text) - len(rest))
        if content:
            self.place(path + ("paragraphs", 0), heading_line)
            self.last = TextRef(path + ("paragraphs", 0), *list_item(section["paragraphs"], 0), "paragraph")
        else:
            self.place(path + ("heading",), heading_line)
            self.last = TextRef(path + ("heading",), *dict_item(section, "heading"), "heading")
        self.last_bold = line.heading
        self.note(line, "heading")
        self.mode = "body"

    def heading_below(self) -> str:
        """The heading of a part whose label stands alone on its line, from the next line when that
        line is a short heading in capitals (and not numbered itself)."""
        k = self.i
        while k < len(self.lines) and self.lines[k].blank:
            k += 1
        if k >= len(self.lines):
            return ""
        following = self.lines[k]
        if (following.row is not None or not is_upper(following.text) or len(following.text) > _HEADING_BELOW
                or split_label(following.text)[0]):
            return ""
        self.note(following, "heading")
        self.i = k + 1
        return following.text

    # footnotes ---------------------------------------------------------------------

    def add_footnote(self, line: SourceLine, match: re.Match) -> None:
        """A page-bottom footnote; the body text around it goes on afterwards."""
        notes = self.data.setdefault("footnotes", [])
        notes.append({"label": match["label"], "text": match["text"]})
        path = ("footnotes", len(notes) - 1)
        self.place(path, line)
        self.place(path + ("text",), line)
        self.note(line, "footnote")
        if self.mode != "footnote":
            self.mode_before_footnote = self.mode
            self.mode = "footnote"
        self.footnote = TextRef(path + ("text",), *dict_item(notes[-1], "text"), "footnote")

    # appendices ------------------------------------------------------------------------

    def start_appendix(self, line: SourceLine) -> None:
        appendices = self.data.setdefault("appendices", [])
        appendices.append({"label": line.text})
        path = ("appendices", len(appendices) - 1)
        self.place(path, line)
        self.place(path + ("label",), line)
        self.note(line, "appendix")
        self.mode = "appendix-title"
        self.last = None

    def appendix_line(self, line: SourceLine) -> None:
        appendix = self.data["appendices"][-1]
        path = ("appendices", len(self.data["appendices"]) - 1)
        text = line.text
        reference = appendix.get("reference")
        if reference is not None and reference.count("(") > reference.count(")"):
            appendix["reference"] = f"{reference} {text}"
            self.extend_span(path + ("reference",), line)
            self.note(line, "appendix.reference")
        elif ascii_fold(text).lstrip("(").startswith("kem theo") and reference is None:
            appendix["reference"] = text
            self.place(path + ("reference",), line)
            self.note(line, "appendix.reference")
            self.mode = "appendix"
        elif self.mode == "appendix-title" and "title" in appendix:
            appendix["title"] = f"{appendix['title']} {text}"
            self.extend_span(path + ("title",), line)
            self.note(line, "appendix.title")
        elif self.mode == "appendix-title":
            appendix["title"] = text
            self.place(path + ("title",), line)
            self.note(line, "appendix.title")
        else:
            self.mode = "appendix"
            paragraphs = appendix.setdefault("paragraphs", [])
            self.add_text(path + ("paragraphs",), paragraphs, line, "appendix.paragraph")

    # tables --------------------------------------------------------------------------------

    def table_row(self, line: SourceLine) -> None:
        container, base = self.table_container()
        tables = container.setdefault("tables", [])
        if not tables or self.last_table_index != self.i - 2:  # the line before was no row of it
            if base not in self.values:
                self.place(base, line)
            tables.append({"rows": []})
            self.place(base + ("tables", len(tables) - 1), line)
        table = tables[-1]
        table["rows"].append([cell or None for cell in line.row])
        self.place(base + ("tables", len(tables) - 1, "rows", len(table["rows"]) - 1), line)
        self.last_table_index = self.i - 1
        self.note(line, "table")
        if self.mode == "appendix-title":
            self.mode = "appendix"
        self.last = None

    def table_container(self) -> tuple[dict, tuple]:
        if self.mode.startswith("appendix"):
            return self.data["appendices"][-1], ("appendices", len(self.data["appendices"]) - 1)
        if self.stack:
            return self.stack[-1][2], self.stack[-1][1]
        if self.mode == "body" and "signature" not in self.data:
            # A table in the body before any numbered part (a phiếu trình's form, figures under the
            # opening): an unnumbered part holds it, and the text after it stays body, not an appendix.
            sections = self.data.setdefault("sections", [])
            sections.append({})
            path = ("sections", len(sections) - 1)
            self.stack.append((_UNNUMBERED, path, sections[-1]))
            return sections[-1], path
        appendices = self.data.setdefault("appendices", [])
        if not appendices:
            appendices.append({})
        self.mode = "appendix"
        return appendices[-1], ("appendices", len(appendices) - 1)

    def unclassified(self, line: SourceLine) -> None:
        self.add_text(("unclassified",), self.data.setdefault("unclassified", []), line, "unclassified")
