"""The rule lines drawn under lines of text: under the tiêu ngữ, the issuer's name, the trích yếu.

Nghị định 30/2020, Phụ lục I, Phần II: under the tiêu ngữ a solid line as long as
the text (mục II.1.b); under the issuer's name (II.2.b) and the trích yếu (II.5.b) one
1/3 to 1/2 as long. Writers draw them three ways, each read here:

* a drawn shape: a DrawingML line or straight connector (``a:prstGeom`` "line",
  "straightConnector1"; a rectangle thinner than 1 mm counts too), in wp:anchor or
  wp:inline, alone or in a group; read in mc:Choice, never again in mc:Fallback. A
  file from an older Word has only VML in w:pict: a ``v:line`` (from/to), or a
  ``v:shape`` / ``v:rect`` (a straight connector, type ``#_x0000_t32``, among them) of
  height under 1 mm. Length: the shape's extent (EMU, / 36,000 for mm) or the VML
  width. A shape shorter than 1 mm is a speck, not a line, and is left out; one that
  stands upright (rotated a quarter turn, or taller than wide) is no line under text.
* a paragraph border: w:pBdr/w:bottom, the paragraph's own or its style's, or the
  w:top of a paragraph (drawn above its text, so under the text before it; some
  writers put it on an empty paragraph after the line of text). A border in white,
  or one of four round a boxed paragraph, is no rule. It runs
  across the paragraph's column less its indents: the body's text width (first
  section) or, in a table cell, the cell's w:tcW (in twips) less the cell margins
  (w:tcMar, else the table's w:tblCellMar, else Word's 0.19 cm); None when the
  column is not known (a cell width in percent or "auto").
* underscores typed: a paragraph (or the last line of one) of nothing but 3 or
  more "_", "-", "–", "—" or "―" (and spaces). Length: the characters' widths in
  Times New Roman at the run's size (an underscore is 0.5 em); None when no size is
  set anywhere.

A line belongs to the paragraph whose text it is drawn under. A shape or border in
a paragraph with text is under that text. Real headers put the line in an empty
paragraph of its own, and underscores are such a paragraph: then it is under the
nearest paragraph with text before it in the same container (table cell, text box
or body), not past a table; in a table cell with no text before it, under the last
text of the cell above (same column); when there is none, under its own paragraph.
A shape placed from its paragraph's top less than half the text's size down is
drawn above that text, so it is under the text before it; one placed farther than
a page's height (842 pt) from its paragraph is on no page and is left out (a real
file has three at -11,172 pt). Where a line is placed across the page (centred
under its text or not) is not read.
"""

from __future__ import annotations

import math
import re

from lxml import etree

from dvlint.layout._xml import (
    FALLBACK, MM_PER_PT, P, Styles, attr, child, own, qn, run_size, text_of, twips, twips_to_mm, w,
)
from dvlint.layout.metrics import estimate_text_width
from dvlint.layout.model import RuleLine
from dvlint.layout.page import text_width

EMU_PER_MM = 36000
MIN_LENGTH = 1.0  # mm: a shorter shape is a speck, not a line
THIN = 1.0  # mm: a rectangle or VML shape this thin or thinner is drawn as a line

LINE_PRESETS = {"line", "straightConnector1"}
_LINE_CHARS = "_\u2013\u2014\u2015-"
_ALL_TEXT = etree.XPath("string(.)")  # all the text under an element, joined in C
_CLASS = re.escape(_LINE_CHARS)
_UNDERSCORES = re.compile(rf"^[ \t\u00a0]*[{_CLASS}][{_CLASS} \t\u00a0]*$")
# Word's default left and right cell margin: 108 twips (0.19 cm).
DEFAULT_CELL_MARGIN = 108
OFF_THE_PAGE = 842.0  # pt, an A4 page's height: a shape placed farther from its paragraph is on no page
ABOVE = -1.0  # the offset given a paragraph's top border: drawn above its text, under the text before
DEFAULT_SIZE = 13.0  # pt: the text size taken where nothing sets one, to place a shape against it


def _emu_mm(value: str | None) -> float | None:
    try:
        number = int(value) if value is not None else None
    except ValueError:
        return None
    if number is None or not 0 <= number <= 27273042316900:  # ECMA-376 ST_PositiveCoordinate's upper bound
        return None
    return number / EMU_PER_MM


def _quarter_turned(rot: str | None) -> bool:
    """A DrawingML rotation (60,000ths of a degree) that stands a horizontal line upright."""
    try:
        degrees = (int(rot) / 60000) % 180 if rot is not None else 0.0
    except ValueError:
        return False
    return 45 < degrees < 135


def _drawn_line(extent_cx, extent_cy, prst, rot) -> RuleLine | None:
    """A DrawingML shape of this size, preset and rotation, as a rule line, or None when it is none."""
    thin_rectangle = prst == "rect" and extent_cy is not None and extent_cy <= THIN
    if prst not in LINE_PRESETS and not thin_rectangle:
        return None
    if _quarter_turned(rot):
        return None
    if extent_cx is None:
        return RuleLine("shape", None)
    if extent_cy is not None and extent_cy > extent_cx:
        return None  # taller than wide: a vertical line
    return RuleLine("shape", extent_cx) if extent_cx >= MIN_LENGTH else None


def _geometry(shape):
    """A wps:wsp's preset geometry and rotation."""
    sp_pr = shape.find(qn("wps:spPr"))
    if sp_pr is None:
        return None, None
    geom = sp_pr.find(qn("a:prstGeom"))
    xfrm = sp_pr.find(qn("a:xfrm"))
    return (geom.get("prst") if geom is not None else None), (xfrm.get("rot") if xfrm is not None else None)


def _drawing_lines(drawing) -> list[RuleLine]:
    """The lines in one wp:anchor or wp:inline: the shape itself, or the lines of a group."""
    extent = drawing.find(qn("wp:extent"))
    cx = _emu_mm(extent.get("cx")) if extent is not None else None
    cy = _emu_mm(extent.get("cy")) if extent is not None else None
    data = drawing.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
    if data is None:
        return []
    shape = data.find(qn("wps:wsp"))
    if shape is not None:
        prst, rot = _geometry(shape)
        found = _drawn_line(cx, cy, prst, rot)
        return [found] if found else []
    group = data.find(qn("wpg:wgp"))
    if group is None:
        return []
    scale_x = scale_y = None
    ch_ext = group.find(f"{qn('wpg:grpSpPr')}/{qn('a:xfrm')}/{qn('a:chExt')}")
    if ch_ext is not None and cx is not None and cy is not None:
        ch_cx, ch_cy = _emu_mm(ch_ext.get("cx")), _emu_mm(ch_ext.get("cy"))
        scale_x = cx / ch_cx if ch_cx else None
        scale_y = cy / ch_cy if ch_cy else None
    out = []
    for member in group.iter(qn("wps:wsp")):
        prst, rot = _geometry(member)
        ext = member.find(f"{qn('wps:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
        mcx = _emu_mm(ext.get("cx")) if ext is not None else None
        mcy = _emu_mm(ext.get("cy")) if ext is not None else None
        mcx = mcx * scale_x if mcx is not None and scale_x is not None else None
        mcy = mcy * scale_y if mcy is not None and scale_y is not None else mcy
        found = _drawn_line(mcx, mcy, prst, rot)
        if found:
            out.append(found)
    return out


_VML_UNIT_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0, "": 1.0}
_VML_LENGTH = re.compile(r"^\s*(-?(?:\d+(?:\.\d*)?|\.\d+))\s*(pt|in|cm|mm|px|pc|)\s*$")


def _vml_pt(value: str | None) -> float | None:
    """A VML length in points (a bare number is taken as points, as Word writes them with "pt")."""
    match = _VML_LENGTH.match(value or "")
    if not match:
        return None
    number = float(match.group(1)) * _VML_UNIT_PT[match.group(2)]
    return number if math.isfinite(number) and abs(number) < 1e6 else None


def _vml_style(shape) -> dict[str, str]:
    out = {}
    for item in (shape.get("style") or "").split(";"):
        key, _, value = item.partition(":")
        out[key.strip().lower()] = value.strip()
    return out


def _vml_upright(rotation: str | None) -> bool:
    """A VML rotation (degrees, or 1/65,536ths of a degree with "fd") that stands a line upright."""
    value = (rotation or "").strip().lower()
    scale = 1 / 65536 if value.endswith("fd") else 1.0
    try:
        degrees = float(value.removesuffix("fd") or 0) * scale
    except ValueError:
        return False
    return math.isfinite(degrees) and 45 < degrees % 180 < 135


def _vml_lines(pict) -> list[RuleLine]:
    """The lines in a w:pict: v:line, and v:shape / v:rect as thin as a line."""
    out = []
    for shape in pict.iter(qn("v:line"), qn("v:shape"), qn("v:rect")):
        style = _vml_style(shape)
        if _vml_upright(style.get("rotation")):
            continue
        in_group = any(a.tag == qn("v:group") for a in shape.iterancestors())
        if shape.tag == qn("v:line"):
            start = [_vml_pt(v) for v in (shape.get("from") or "0,0").split(",")]
            end = [_vml_pt(v) for v in (shape.get("to") or "0,0").split(",")]
            if len(start) != 2 or len(end) != 2 or None in start or None in end:
                out.append(RuleLine("shape", None))
                continue
            dx, dy = abs(end[0] - start[0]), abs(end[1] - start[1])
            if dy > dx:
                continue
            length = dx * MM_PER_PT
        else:
            width, height = _vml_pt(style.get("width")), _vml_pt(style.get("height"))
            if height is None or height * MM_PER_PT > THIN or width is None:
                continue
            length = abs(width) * MM_PER_PT
        if in_group:
            out.append(RuleLine("shape", None))  # in the group's own coordinates: not millimetres
        elif length >= MIN_LENGTH:
            out.append(RuleLine("shape", length))
    return out


def _offset_pt(node) -> float | None:
    """How far below the top of its paragraph a floating shape is placed, in points; None when it is
    placed from something else (the page, the margin) or sits in the line (wp:inline)."""
    if node.tag == qn("wp:anchor"):
        position = node.find(qn("wp:positionV"))
        offset = position.find(qn("wp:posOffset")) if position is not None else None
        if offset is None or position.get("relativeFrom") not in ("paragraph", "line"):
            return None
        try:
            value = int((offset.text or "").strip()) / 12700
        except ValueError:
            return None
        return value if abs(value) < 1e6 else None
    if node.tag == w("pict"):
        for shape in node.iter(qn("v:line"), qn("v:shape"), qn("v:rect")):
            style = _vml_style(shape)
            if style.get("position") != "absolute" or style.get("mso-position-vertical-relative", "text") not in (
                    "text", "line"):
                return None
            if shape.tag == qn("v:line"):
                start = (shape.get("from") or "0,0").split(",")
                return _vml_pt(start[1]) if len(start) == 2 else None
            return _vml_pt(style.get("margin-top", "0"))
    return None


def _shapes(p) -> list[tuple[RuleLine, float | None]]:
    """The line shapes anchored in a paragraph (its own: not those in its text boxes' paragraphs),
    each with how far below the paragraph's top it is placed (points; None when not so placed)."""
    out = []
    if next(p.iter(w("drawing"), w("pict")), None) is None:
        return out  # the usual paragraph draws nothing: skip the walk (lxml finds it in C)
    for node in own(p, {qn("wp:anchor"), qn("wp:inline"), w("pict")}):
        offset = _offset_pt(node)
        for line in _drawing_lines(node) if node.tag != w("pict") else _vml_lines(node):
            out.append((line, offset))
    return out


def _style_border(styles: Styles, style_id: str | None, p, side: str):
    """The border on ``side`` the paragraph's style chain gives, looked up once per style and side."""
    cache = styles.__dict__.setdefault("_borders", {})
    key = (style_id, side)
    if key not in cache:
        cache[key] = next((found for style in styles.paragraph_chain(p)
                           if (found := child(child(child(style, "pPr"), "pBdr"), side)) is not None), None)
    return cache[key]


def _border(p, styles: Styles, side: str):
    """The paragraph's w:pBdr border on ``side`` ("bottom" or "top"), its own or its style's; None when
    there is none, it is "nil" / "none", or it is drawn in white (a border only there to pad)."""
    found = child(child(child(p, "pPr"), "pBdr"), side)
    if found is None:
        found = _style_border(styles, attr(child(child(p, "pPr"), "pStyle"), "val"), p, side)
    if found is None or (attr(found, "val") or "none") in ("nil", "none"):
        return None
    if (attr(found, "color") or "").upper() == "FFFFFF" or attr(found, "themeColor") in ("background1", "light1"):
        return None
    return found


def _indent(p, *names) -> float | None:
    ind = child(child(p, "pPr"), "ind")
    for name in names:
        value = attr(ind, name)
        if value is not None:
            return twips(value, signed=True)
    return 0.0


def _cell_margin(tc, side: str, alt: str) -> float | None:
    for mar in (child(child(tc, "tcPr"), "tcMar"),
                child(child(next((a for a in tc.iterancestors(w("tbl"))), None), "tblPr"), "tblCellMar")):
        for name in (side, alt):
            node = child(mar, name)
            if node is not None and attr(node, "type") in (None, "dxa"):
                return twips(attr(node, "w"))
    return float(DEFAULT_CELL_MARGIN)


def _column_twips(p, body_width_mm: float | None) -> float | None:
    """The width a paragraph's border runs across before indents, in twips: its cell's, or the body's."""
    parent = p.getparent()
    if parent is not None and parent.tag == w("tc"):
        tc_w = child(child(parent, "tcPr"), "tcW")
        if attr(tc_w, "type") not in (None, "dxa"):
            return None
        width = twips(attr(tc_w, "w"))
        left, right = _cell_margin(parent, "left", "start"), _cell_margin(parent, "right", "end")
        if width is None or left is None or right is None:
            return None
        return width - left - right
    if parent is not None and parent.tag == w("body") and body_width_mm is not None:
        return body_width_mm * 1440 / 25.4
    return None


def column_width(p, body_width_mm: float | None) -> float | None:
    """The width a paragraph's lines can run across, mm: its table cell's less the cell margins, or the
    body's; None when unknown (a width in percent or "auto"). A name longer than that wraps."""
    twips_wide = _column_twips(p, body_width_mm)
    return twips_to_mm(twips_wide) if twips_wide and twips_wide > 0 else None


def _border_line(p, styles: Styles, body_width_mm: float | None, side: str) -> RuleLine | None:
    """A bottom or top border as a rule line; none for a paragraph boxed in (a left or right border too)."""
    if _border(p, styles, side) is None:
        return None
    if _border(p, styles, "left") is not None or _border(p, styles, "right") is not None:
        return None
    column = _column_twips(p, body_width_mm)
    left, right = _indent(p, "left", "start"), _indent(p, "right", "end")
    if column is None or left is None or right is None:
        return RuleLine("border", None)
    length = twips_to_mm(column - left - right)
    return RuleLine("border", length if length > 0 else None)


def _underscore_line(text: str) -> str | None:
    """The line characters of a line of text made of nothing else (3 or more), or None."""
    if not _UNDERSCORES.match(text):
        return None
    marks = "".join(c for c in text if c in _LINE_CHARS)
    return marks if len(marks) >= 3 else None


def _underscores(p, styles: Styles) -> tuple[RuleLine | None, bool]:
    """Underscores typed in the paragraph: (the line, whether the paragraph has text above it)."""
    joined = _ALL_TEXT(p)
    if sum(joined.count(mark) for mark in _LINE_CHARS) < 3:
        return None, False  # not three line characters in all: no line typed (counted in C, not per character)
    lines = [line for line in text_of(p).split("\n") if line.strip()]
    if not lines:
        return None, False
    marks = _underscore_line(lines[-1])
    if marks is None:
        return None, False
    runs = [r for r in own(p, {w("r")}) if any((t.text or "").strip() for t in r.findall(w("t")))]
    size = run_size(runs[-1] if runs else None, p, styles)
    length = estimate_text_width(marks, size, False) if size is not None else None
    above = any(_underscore_line(line) is None for line in lines[:-1])
    return RuleLine("underscores", length), above


def _has_text(p) -> bool:
    """Whether a paragraph shows text of its own: not empty, not a line of underscores."""
    lines = [line for line in text_of(p).split("\n") if line.strip()]
    return any(_underscore_line(line) is None for line in lines)


def _last_with_text(cell):
    for p in reversed(cell.findall(P)):
        if _has_text(p):
            return p
    return None


def _span(tc) -> int:
    try:
        return max(1, min(int(attr(child(child(tc, "tcPr"), "gridSpan"), "val") or 1), 1000))
    except ValueError:
        return 1


def _cell_above(tc):
    """The last paragraph with text in the cell above ``tc`` (same grid column, nearest row up with text)."""
    row = tc.getparent()
    if row is None or row.tag != w("tr"):
        return None
    column = 0
    for cell in row.findall(w("tc")):
        if cell is tc:
            break
        column += _span(cell)
    for above in row.itersiblings(w("tr"), preceding=True):
        start = 0
        for cell in above.findall(w("tc")):
            if start <= column < start + _span(cell):
                found = _last_with_text(cell)
                if found is not None:
                    return found
                break
            start += _span(cell)
    return None


def _text_above(p):
    """The nearest paragraph with text before ``p`` in the same container, not past a table; in the
    first paragraphs of a table cell, the last with text in the cell above (a header table's second
    row holds the line drawn under the first row's text: "Số" under the issuer, the place and date
    under the tiêu ngữ). None when there is none."""
    for node in p.itersiblings(preceding=True):
        if not isinstance(node.tag, str):
            continue
        if node.tag == w("tbl"):
            return None
        if node.tag == P and _has_text(node):
            return node
    parent = p.getparent()
    return _cell_above(parent) if parent is not None and parent.tag == w("tc") else None


def _first_size(p, styles: Styles) -> float:
    runs = [r for r in own(p, {w("r")}) if any((t.text or "").strip() for t in r.findall(w("t")))]
    return run_size(runs[0] if runs else None, p, styles) or DEFAULT_SIZE


def lines_under(document, numbered: dict[int, list], body_width: float | None = None) -> dict[int, list[RuleLine]]:
    """The rule lines under each numbered paragraph's text.

    ``numbered`` maps the importer's paragraph number to its w:p elements (body and table cells); the
    answer maps a paragraph number to the lines drawn under it, in document order. Every paragraph of
    the body, its tables and text boxes is looked at; a line whose paragraph, and the paragraph it
    is under, have no number is left out.

    A shape floating in a paragraph with text is under that text when it is placed at least half the
    text's size below the paragraph's top; placed higher (Word draws it from the top of the
    paragraph's first line) it is above the text, so under the text before it.
    """
    number_of: dict = {}
    for number in sorted(numbered):
        for element in numbered[number]:
            number_of.setdefault(element, number)
    styles = Styles(document)
    if body_width is None:
        body_width = text_width(document)
    out: dict[int, list[RuleLine]] = {}
    for p in document.element.body.iter(P):
        if any(a.tag == FALLBACK for a in p.iterancestors()):
            continue
        found = _shapes(p)
        border = _border_line(p, styles, body_width, "bottom")
        if border is not None:
            found.append((border, None))
        top = _border_line(p, styles, body_width, "top")
        if top is not None:
            found.append((top, ABOVE))
        typed, above = _underscores(p, styles)
        if typed is not None:
            found.append((typed, None))
        if not found:
            continue
        own_text = _has_text(p)
        for line, offset in found:
            if offset is not None and abs(offset) > OFF_THE_PAGE:
                continue
            if line.kind == "underscores":
                mine = above
            elif offset is not None and own_text:
                mine = offset >= _first_size(p, styles) / 2
            else:
                mine = own_text
            under = p if mine else _text_above(p)
            number = number_of.get(under if under is not None else p)
            if number is None:
                number = number_of.get(p)
            if number is not None:
                out.setdefault(number, []).append(line)
    return out
