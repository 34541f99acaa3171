"""Markup left in Markdown and text by converters, and where a line's text stands.

Converters mark headings with ``#`` or ``**bold**``, footnote marks with
``<sup>1</sup>`` or ``[^1]``, a Word table's cells in HTML; crawled text
leaves stray ``**`` and ``* *``; a PDF's text has Word's bullets as
private-use characters. ``clean`` takes all that away from a line (or a
cell) and says whether the whole line was bold.
"""

from __future__ import annotations

import re

from dvlint.importers import SourceLine, single_spaced

HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*")
_SUP_SUB = re.compile(r"<(sup|sub)>(.*?)</\1>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# pandoc writes a table whose cells hold paragraphs or lists in HTML: "<li><p>Như trên;</p></li>"
# is a recipient line, "- Như trên;". Its footnotes are "[^1]" and "[^1]: text".
_LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_PANDOC_NOTE = re.compile(r"\[\^(\d+)\]:?")
_STRONG = re.compile(r"\*\*|__")
_EMPHASIS = re.compile(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_STRAY_STARS = re.compile(r"(?:^|\s)\*\s+\*(?=\s|$)|\s+\*+\s*$")  # "* *", and a marker alone at the end
# Word's Symbol and Wingdings bullets come out of a PDF as private-use characters. Word's
# default bullet (Symbol's dot) is read as the dash, as the .docx reader reads it (docx.Numbering).
_SYMBOL_FONT = str.maketrans({"\uf0b7": "-", "\uf02d": "-", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖"})


def _sup_sub(match: re.Match) -> str:
    inner = match.group(2).strip()
    if match.group(1).lower() == "sup" and inner.isdigit():
        return f"[{inner}]"  # a footnote mark
    return inner if inner.startswith("(") else f"({inner})"  # drafter's initials: VP(Tr)


def clean(text: str) -> tuple[str, bool]:
    """Text without markup, and whether the whole line was bold."""
    stripped = text.strip()
    bold = stripped.startswith(("**", "__")) and stripped.endswith(("**", "__")) and len(stripped) > 4
    text = _SUP_SUB.sub(_sup_sub, text)
    text = _LIST_ITEM.sub("- ", text)
    text = _PANDOC_NOTE.sub(r"[\1]", text)
    text = _TAG.sub("", text)
    text = _STRAY_STARS.sub(" ", text)
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("\\", "").translate(_SYMBOL_FONT)
    return single_spaced(text), bold


def text_line(raw: str, number: int) -> SourceLine:
    heading = bool(HEADING.match(raw))
    body = HEADING.sub("", raw, count=1) if heading else raw
    cleaned, bold = clean(body)
    return SourceLine(cleaned, number, column_of(raw, cleaned), heading=heading or bold)


def column_of(raw: str, cleaned: str) -> int:
    """Where the cleaned text starts in the raw line (1-based)."""
    if not cleaned:
        return 1
    probe = cleaned[:12]
    index = raw.find(probe)
    if index < 0:
        index = len(raw) - len(raw.lstrip(" #*_>"))
    return index + 1
