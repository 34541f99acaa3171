"""Small readers of WordprocessingML shared by dvlint.layout.page and dvlint.layout.lines.

Every reader here takes what a damaged or hostile file may hold (a missing
attribute, "abc", "-1", "1e12", a reference to a part that is not there) and
answers ``None`` rather than raising.
"""

from __future__ import annotations

import math
import re

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

NS = {
    "w": W,
    "mc": MC,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "v": "urn:schemas-microsoft-com:vml",
}

TWIPS_PER_MM = 1440 / 25.4
MM_PER_PT = 25.4 / 72
# Word's largest page side is 22 inches (31,680 twips); a length beyond it is not one Word lays out.
MAX_TWIPS = 31680


def qn(tag: str) -> str:
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


FALLBACK = qn("mc:Fallback")
TXBX = w("txbxContent")
P = w("p")


def attr(element, name: str) -> str | None:
    """A w: attribute (``w:val``), or None when ``element`` is None or lacks it."""
    if element is None:
        return None
    return element.get(w(name))


def child(element, name: str):
    """The first w: child named ``name``, or None."""
    if element is None:
        return None
    return element.find(w(name))


_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_TWIPS_PER_UNIT = {"mm": TWIPS_PER_MM, "cm": 10 * TWIPS_PER_MM, "in": 1440.0, "pt": 20.0, "pc": 240.0, "pi": 240.0}


def twips(value: str | None, *, signed: bool = False) -> float | None:
    """A twips measure (``"1701"``; ECMA-376 also allows ``"3cm"``, ``"1in"``), or None for junk:
    not a number, negative where the schema wants an unsigned value, beyond 22 inches, not finite."""
    if value is None:
        return None
    match = _MEASURE.match(value)
    if not match:
        return None
    number = float(match.group(1)) * (_TWIPS_PER_UNIT[match.group(2)] if match.group(2) else 1.0)
    if not math.isfinite(number) or abs(number) > MAX_TWIPS or (number < 0 and not signed):
        return None
    return number


def twips_to_mm(value: float | None) -> float | None:
    return None if value is None else value / TWIPS_PER_MM


def on(element) -> bool:
    """An on/off property (w:titlePg, w:b): present and not switched off by w:val."""
    if element is None:
        return False
    return (attr(element, "val") or "true").lower() not in ("0", "false", "off", "none")


def own(element, tags: set[str]):
    """``element``'s descendants with these tags in document order, leaving out the copy Word keeps for
    older readers (mc:Fallback) and the paragraphs of text boxes (w:txbxContent): they are not
    ``element``'s own content."""
    for node in element:
        if not isinstance(node.tag, str) or node.tag in (FALLBACK, TXBX):
            continue
        if node.tag in tags:
            yield node
        yield from own(node, tags)


def text_of(p) -> str:
    """A paragraph's own text: its w:t, tabs as spaces, line breaks as newlines."""
    parts = []
    for node in own(p, {w("t"), w("tab"), w("br"), w("cr")}):
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag == w("tab"):
            parts.append(" ")
        elif node.tag == w("cr") or node.get(w("type")) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


class Styles:
    """The styles part, looked up by id, following w:basedOn (a circle of basedOn stops)."""

    def __init__(self, document):
        self.by_id: dict[str, object] = {}
        self.defaults_rpr = None
        self.default_paragraph = None
        try:
            root = document.part.styles.element
        except Exception:  # no styles part, or one python-docx cannot read
            return
        for style in root.iter(w("style")):
            sid = attr(style, "styleId")
            if sid is not None:
                self.by_id.setdefault(sid, style)
            if style.get(w("type")) == "paragraph" and (attr(style, "default") or "").lower() in ("1", "true", "on"):
                self.default_paragraph = style
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults_rpr = defaults

    def chain(self, style_id: str | None):
        """The style and those it is based on, nearest first."""
        seen = set()
        style = self.by_id.get(style_id) if style_id is not None else None
        while style is not None and id(style) not in seen and len(seen) < 50:
            seen.add(id(style))
            yield style
            style = self.by_id.get(attr(child(style, "basedOn"), "val"))

    def paragraph_chain(self, p):
        """The paragraph's style chain: its w:pStyle, else the default paragraph style."""
        style_id = attr(child(child(p, "pPr"), "pStyle"), "val")
        if style_id is not None and style_id in self.by_id:
            yield from self.chain(style_id)
        elif self.default_paragraph is not None:
            yield from self.chain(attr(self.default_paragraph, "styleId"))


def half_points(rpr) -> float | None:
    """A w:rPr's w:sz as points, or None (missing, junk, or beyond any size Word allows: 1 to 1638 pt)."""
    value = attr(child(rpr, "sz"), "val")
    try:
        size = float(value) / 2 if value is not None else None
    except ValueError:
        return None
    return size if size is not None and math.isfinite(size) and 0.5 <= size <= 1638 else None


def run_size(run, p, styles: Styles) -> float | None:
    """The size a run shows at, resolved simply: the run's own w:sz, its character style's, the
    paragraph style's (through w:basedOn), the document defaults'; None when nothing sets it."""
    rpr = child(run, "rPr") if run is not None else None
    size = half_points(rpr)
    if size is not None:
        return size
    for style in styles.chain(attr(child(rpr, "rStyle"), "val")):
        size = half_points(child(style, "rPr"))
        if size is not None:
            return size
    for style in styles.paragraph_chain(p):
        size = half_points(child(style, "rPr"))
        if size is not None:
            return size
    return half_points(styles.defaults_rpr)


_JC = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
       "both": "both", "distribute": "distribute", "lowKashida": "both", "mediumKashida": "both",
       "highKashida": "both", "thaiDistribute": "distribute"}


def alignment(p, styles: Styles) -> str | None:
    """The paragraph's w:jc (direct, else its style's), as "left" / "center" / "right" / "both" /
    "distribute"; None when nothing sets it."""
    value = attr(child(child(p, "pPr"), "jc"), "val")
    if value is None:
        for style in styles.paragraph_chain(p):
            value = attr(child(child(style, "pPr"), "jc"), "val")
            if value is not None:
                break
    return _JC.get(value) if value is not None else None
