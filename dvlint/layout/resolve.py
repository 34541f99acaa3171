"""The formatting Word shows for a paragraph and its runs, resolved through styles, theme and defaults.

python-docx answers only what is written on the run or the paragraph itself. Word
shows the result of the style hierarchy of ECMA-376 Part 1, 17.7.2: document
defaults (w:docDefaults), then the table style, then the paragraph style, then
the character style, then direct formatting; each style with its w:basedOn chain
(17.7.4.3). This module walks that hierarchy over python-docx's lxml elements.

What it does not do, on purpose (the DV8xx rules do not need it, or Word itself
rarely depends on it in administrative documents):

- a table style's conditional formats (w:tblStylePr: header row, banded rows...)
  are ignored; only the whole-table w:pPr / w:rPr of the style apply;
- numbering (w:numPr) adds no run or paragraph properties here;
- w:rFonts w:hint and the complex-script switches (w:cs, w:rtl) do not change
  which font slot is reported (see ``_font_for``);
- w:firstLineChars / w:hangingChars (indents counted in characters) are ignored;
- the compatibility option that lets a table style's size beat the Normal
  style (overrideTableStyleFontSizeAndJustification) is not applied.

Received files are hostile: every number is parsed defensively (junk is "not
set"), basedOn cycles and dangling references end the chain, and a missing
styles or theme part only means fewer settings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from lxml import etree

from dvlint.layout.model import ParagraphLook, RunLook

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
STYLES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _a(tag: str) -> str:
    return f"{{{A_NS}}}{tag}"


W_VAL = _w("val")
TOGGLES = ("b", "i", "caps")  # toggle properties (17.7.3) dvlint reads
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
# The theme attribute of each slot (17.3.2.26); "cstheme" is spelled in lower case by the schema.
THEME_ATTRIBUTES = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
# ST_Theme (17.18.96) -> (a:majorFont | a:minorFont, a:latin | a:ea | a:cs) of the theme's font scheme (20.1.4.1).
THEME_FONTS = {
    f"{kind}{script}": (f"{kind}Font", element)
    for kind in ("major", "minor")
    for script, element in (("Ascii", "latin"), ("HAnsi", "latin"), ("EastAsia", "ea"), ("Bidi", "cs"))
}
ALIGNMENTS = {"left": "left", "start": "left", "right": "right", "end": "right",
              "center": "center", "both": "both", "distribute": "distribute"}
LINE_RULES = {"auto", "exact", "atLeast"}
MIN_SIZE, MAX_SIZE = 1.0, 1638.0  # points: Word's own range for a font size
MAX_TWIPS = 31680  # 22 inches, Word's largest page side: a longer length is junk
TWIPS_PER_MM = 1440 / 25.4
# The containers inside a w:p whose runs are part of the paragraph's text (17.3.2, 17.5.2, 17.13.5).
RUN_CONTAINERS = frozenset(_w(tag) for tag in (
    "hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "moveTo", "dir", "bdo"))
UNIVERSAL = re.compile(r"^(-?\d+(?:\.\d+)?)(mm|cm|in|pt|pc|pi)$")  # ST_UniversalMeasure (22.9.2.15)
TWIPS_PER_UNIT = {"mm": TWIPS_PER_MM, "cm": TWIPS_PER_MM * 10, "in": 1440.0, "pt": 20.0, "pc": 240.0, "pi": 240.0}
HALF_POINTS = re.compile(r"^\d+(?:\.\d+)?$")
COLOR = re.compile(r"^(auto|[0-9A-Fa-f]{6})$")
_UNSET_SPACING = object()  # w:beforeAutospacing: set, but to no length dvlint can report (None)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


# --- plain values: ST_OnOff, measures ---------------------------------------------------------------

def _on_off(element) -> bool | None:
    """ST_OnOff (17.17.4): a missing w:val is on; junk is "not set" (None)."""
    value = element.get(W_VAL)
    if value is None or value in ("1", "true", "on"):
        return True
    if value in ("0", "false", "off"):
        return False
    return None


def _twips(value: str | None) -> int | None:
    """A twips measure (ST_TwipsMeasure / ST_SignedTwipsMeasure, 17.18.87): an integer or a universal measure."""
    if value is None:
        return None
    value = value.strip()
    try:
        twips = int(value)
    except ValueError:
        match = UNIVERSAL.match(value)
        if not match:
            return None
        twips = round(float(match.group(1)) * TWIPS_PER_UNIT[match.group(2)])
    return twips if abs(twips) <= MAX_TWIPS else None


def _size(value: str | None) -> float | None:
    """w:sz (17.3.2.38) in half-points, as points; junk or out of Word's range is "not set"."""
    if value is None or not HALF_POINTS.match(value.strip()):
        return None
    points = float(value.strip()) / 2
    return points if MIN_SIZE <= points <= MAX_SIZE else None


# --- the document's parts -----------------------------------------------------------------------------

def _related_root(part, reltype: str):
    """The XML root of the part ``part`` relates to by ``reltype``, or None (absent, external or not XML)."""
    for rel in part.rels.values():
        if rel.reltype != reltype or rel.is_external:
            continue
        target = rel.target_part
        element = getattr(target, "element", None)
        if element is not None:
            return element
        try:
            return etree.fromstring(target.blob, _PARSER)
        except (etree.XMLSyntaxError, ValueError, TypeError):
            return None
    return None


def _theme_fonts(theme) -> dict[str, str]:
    """ST_Theme name -> typeface, from the theme part's a:fontScheme (20.1.4.1.16-18); empty typefaces left out."""
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    scheme = theme.find(f"{_a('themeElements')}/{_a('fontScheme')}")
    if scheme is None:
        return fonts
    for name, (kind, script) in THEME_FONTS.items():
        element = scheme.find(f"{_a(kind)}/{_a(script)}")
        typeface = element.get("typeface") if element is not None else None
        if typeface:
            fonts[name] = typeface
    return fonts


# --- reading one w:rPr / w:pPr into plain settings -----------------------------------------------------

def _run_settings(rpr, theme_fonts: dict[str, str]) -> dict:
    """The run properties ``rpr`` sets, as {key: value}; keys it does not set are absent.

    Keys: the TOGGLES (bool), "size" (points), "underline" (bool), "color", and one
    key per font slot. A slot's theme attribute wins over its plain attribute at the
    same level (MS-OI29500 2.1.88: "ascii (or asciiTheme if defined)"); a theme name
    the theme cannot resolve falls back to the plain attribute, the name Word cached.
    """
    settings: dict = {}
    if rpr is None:
        return settings
    for child in rpr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(f"{{{W_NS}}}"):
            continue
        name = tag[len(W_NS) + 2:]
        if name in TOGGLES:
            value = _on_off(child)
            if value is not None:
                settings[name] = value
        elif name == "sz":
            size = _size(child.get(W_VAL))
            if size is not None:
                settings["size"] = size
        elif name == "u":
            value = child.get(W_VAL)
            settings["underline"] = value is None or value != "none"
        elif name == "color":
            value = child.get(W_VAL)
            if value is not None and COLOR.match(value):
                settings["color"] = value
        elif name == "rFonts":
            for slot in FONT_SLOTS:
                font = theme_fonts.get(child.get(_w(THEME_ATTRIBUTES[slot])) or "") or child.get(_w(slot))
                if font:
                    settings[slot] = font
    return settings


def _paragraph_settings(ppr) -> dict:
    """The paragraph properties ``ppr`` sets, one key per attribute (17.3.1): each resolves on its own.

    A w:spacing with only w:after leaves the inherited w:before alone; w:hanging wins
    over w:firstLine on the same w:ind (17.3.1.12).
    """
    settings: dict = {}
    if ppr is None:
        return settings
    jc = ppr.find(_w("jc"))
    if jc is not None and jc.get(W_VAL) in ALIGNMENTS:
        settings["alignment"] = ALIGNMENTS[jc.get(W_VAL)]
    ind = ppr.find(_w("ind"))
    if ind is not None:
        hanging, first = _twips(ind.get(_w("hanging"))), _twips(ind.get(_w("firstLine")))
        if hanging is not None:
            settings["first_line"] = -hanging / TWIPS_PER_MM
        elif first is not None:
            settings["first_line"] = first / TWIPS_PER_MM
    spacing = ppr.find(_w("spacing"))
    if spacing is not None:
        for side in ("before", "after"):
            auto = spacing.get(_w(f"{side}Autospacing"))
            if auto in ("1", "true", "on"):
                settings[side] = _UNSET_SPACING
                continue
            twips = _twips(spacing.get(_w(side)))
            if twips is not None and twips >= 0:
                settings[side] = twips / 20
        line = _twips(spacing.get(_w("line")))
        if line is not None and line > 0:
            settings["line"] = line
        if spacing.get(_w("lineRule")) in LINE_RULES:
            settings["lineRule"] = spacing.get(_w("lineRule"))
    bottom = ppr.find(f"{_w('pBdr')}/{_w('bottom')}")
    if bottom is not None:
        settings["bottom_border"] = bottom.get(W_VAL) not in (None, "nil", "none")
    return settings


# --- the resolver ----------------------------------------------------------------------------------------

class Resolver:
    """Resolves paragraphs of one python-docx Document as Word shows them (ECMA-376 Part 1, 17.7).

    The styles part, the theme part and w:docDefaults are read once; each style's
    basedOn chain is merged once and cached by style id, and each combination of
    table, paragraph and character style once, so a run costs only its own w:rPr.
    """

    def __init__(self, document):
        part = document.part
        self._body = document.element.body
        self._theme_fonts = _theme_fonts(_related_root(part, THEME_REL))
        styles = _related_root(part, STYLES_REL)
        self._styles: dict[str, object] = {}
        self._defaults: dict[str, str] = {}  # style type -> id of the default style of that type
        doc_rpr = doc_ppr = None
        if styles is not None:
            self._index_styles(styles)
            defaults = styles.find(_w("docDefaults"))
            if defaults is not None:
                doc_rpr = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}")
                doc_ppr = defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}")
        self._doc_run = _run_settings(doc_rpr, self._theme_fonts)
        self._doc_paragraph = _paragraph_settings(doc_ppr)
        self._chains: dict[tuple[str, str], tuple[dict, dict]] = {}
        self._bases: dict[tuple, tuple[dict, dict]] = {}

    def _index_styles(self, styles) -> None:
        for style in styles.iterchildren(_w("style")):
            style_id = style.get(_w("styleId"))
            if not style_id or style_id in self._styles:
                continue  # Word keeps the first of duplicated ids
            self._styles[style_id] = style
            kind = style.get(_w("type")) or "paragraph"  # 17.7.4.17: paragraph when omitted
            if _on_off_attribute(style.get(_w("default"))) and kind not in self._defaults:
                self._defaults[kind] = style_id

    # -- styles --

    def _style(self, style_id: str | None, kind: str):
        """The w:style of that id and type, or None (missing, or a style of another type)."""
        style = self._styles.get(style_id) if style_id else None
        if style is None or (style.get(_w("type")) or "paragraph") != kind:
            return None
        return style

    def _chain(self, style_id: str, kind: str) -> tuple[dict, dict]:
        """(run settings, paragraph settings) of a style merged with its basedOn chain (17.7.4.3), nearest wins.

        This is also 17.7.3's rule for a toggle within one level: the first value met
        walking up basedOn. A cycle or a basedOn naming no style of this type ends the chain.
        """
        key = (kind, style_id)
        if key in self._chains:
            return self._chains[key]
        chain, seen, style = [], set(), self._style(style_id, kind)
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            chain.append(style)
            based = style.find(_w("basedOn"))
            style = self._style(based.get(W_VAL), kind) if based is not None else None
        run: dict = {}
        paragraph: dict = {}
        for style in reversed(chain):  # the root first, so the nearer style overwrites
            run.update(_run_settings(style.find(_w("rPr")), self._theme_fonts))
            paragraph.update(_paragraph_settings(style.find(_w("pPr"))))
        self._chains[key] = (run, paragraph)
        return run, paragraph

    def _base(self, table_style: str | None, paragraph_style: str | None,
              character_style: str | None) -> tuple[dict, dict]:
        """(run settings, paragraph settings) before direct formatting, for one combination of styles.

        Non-toggle properties: the later level wins (17.7.2). Toggles (17.7.3): the
        docDefaults value is the start; the table style's and the character style's
        values are XOR-ed in (true flips, false leaves it). The paragraph style's value
        *replaces* the state: ECMA-376 says it toggles too, but Word resets it (MS-OI29500
        2.1.258, on 17.7.8), and dvlint reports what Word shows.
        """
        key = (table_style, paragraph_style, character_style)
        if key in self._bases:
            return self._bases[key]
        run = dict(self._doc_run)
        paragraph = dict(self._doc_paragraph)
        toggles = {name: bool(run.get(name, False)) for name in TOGGLES}
        levels = (("table", table_style), ("paragraph", paragraph_style), ("character", character_style))
        for kind, style_id in levels:
            if style_id is None:
                continue
            style_run, style_paragraph = self._chain(style_id, kind)
            run.update(style_run)
            if kind != "character":
                paragraph.update(style_paragraph)
            for name in TOGGLES:
                if name in style_run:
                    toggles[name] = style_run[name] if kind == "paragraph" else toggles[name] ^ style_run[name]
        run.update(toggles)
        self._bases[key] = (run, paragraph)
        return run, paragraph

    def _table_style(self, table) -> str | None:
        """The table's w:tblStyle, else the default table style (17.7.4.17 w:default), when it exists."""
        if table is None:
            return None
        element = table.find(f"{_w('tblPr')}/{_w('tblStyle')}")
        style_id = element.get(W_VAL) if element is not None else None
        if self._style(style_id, "table") is None:
            style_id = self._defaults.get("table")
        return style_id

    def _paragraph_style(self, ppr) -> str | None:
        """The w:pStyle when it names a paragraph style, else the default paragraph style (17.7.4.17)."""
        element = ppr.find(_w("pStyle")) if ppr is not None else None
        style_id = element.get(W_VAL) if element is not None else None
        if self._style(style_id, "paragraph") is None:
            style_id = self._defaults.get("paragraph")
        return style_id

    def _character_style(self, rpr) -> str | None:
        element = rpr.find(_w("rStyle")) if rpr is not None else None
        style_id = element.get(W_VAL) if element is not None else None
        return style_id if self._style(style_id, "character") is not None else None

    # -- the public side --

    def paragraph(self, p_element, table_element=None) -> ParagraphLook:
        """The w:p ``p_element`` as Word shows it; ``table_element`` is the w:tbl it sits in, else None."""
        ppr = p_element.find(_w("pPr"))
        table_style = self._table_style(table_element)
        paragraph_style = self._paragraph_style(ppr)
        _, settings = self._base(table_style, paragraph_style, None)
        settings = {**settings, **_paragraph_settings(ppr)}
        runs = tuple(self._run(run, text, table_style, paragraph_style) for run, text in _runs(p_element))
        return ParagraphLook(
            element=p_element,
            text="".join(run.text for run in runs),
            runs=runs,
            alignment=settings.get("alignment"),
            first_line_indent=settings.get("first_line"),
            space_before=_spacing(settings.get("before")),
            space_after=_spacing(settings.get("after")),
            line_spacing=_line_spacing(settings.get("line"), settings.get("lineRule")),
            bottom_border=bool(settings.get("bottom_border", False)),
            style_id=paragraph_style,
            in_table=table_element is not None,
        )

    def _run(self, run, text: str, table_style: str | None, paragraph_style: str | None) -> RunLook:
        rpr = run.find(_w("rPr"))
        base, _ = self._base(table_style, paragraph_style, self._character_style(rpr))
        settings = {**base, **_run_settings(rpr, self._theme_fonts)}  # direct toggles are absolute (17.7.3)
        return RunLook(
            text=text,
            font=_font_for(text, settings),
            size=settings.get("size"),
            bold=bool(settings.get("b", False)),
            italic=bool(settings.get("i", False)),
            caps=bool(settings.get("caps", False)),
            underline=bool(settings.get("underline", False)),
            color=settings.get("color"),
        )

    def paragraphs(self, container=None) -> Iterator[ParagraphLook]:
        """Every paragraph of ``container`` (the body when None; a w:hdr or w:ftr works too) in document order.

        Table cells, nested tables and block content controls included; each cell's
        paragraphs get their own w:tbl, whose table style applies (17.7.6).
        """
        yield from self._block(self._body if container is None else container, None)

    def _block(self, container, table) -> Iterator[ParagraphLook]:
        for child in container:
            if child.tag == _w("p"):
                yield self.paragraph(child, table)
            elif child.tag == _w("tbl"):
                for row in child.iterchildren(_w("tr")):
                    for cell in row.iterchildren(_w("tc")):
                        yield from self._block(cell, child)
            elif child.tag in (_w("sdt"), _w("customXml")):
                content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
                if content is not None:
                    yield from self._block(content, table)


def _on_off_attribute(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _spacing(value) -> float | None:
    return None if value is _UNSET_SPACING else value


def _line_spacing(line: int | None, rule: str | None) -> tuple[str, float] | None:
    """w:spacing w:line with its w:lineRule (17.3.1.33): 240ths of a line when "auto" (the default), else twips."""
    if line is None:
        return None
    rule = rule or "auto"
    return (rule, line / 240) if rule == "auto" else (rule, line / 20)


def _runs(paragraph) -> Iterator[tuple[object, str]]:
    """(w:r, its text) for every run with text in the paragraph, containers included, text boxes not.

    Text is w:t, with w:tab as a tab; field instructions (w:instrText) and deleted
    text (w:delText) are not shown text. A drawing or a text box sits inside a run,
    and only the run's own children are read, so their paragraphs stay out.
    """
    for child in paragraph:
        if child.tag == _w("r"):
            text = "".join(_run_text(child))
            if text:
                yield child, text
        elif child.tag in RUN_CONTAINERS:
            yield from _runs(child)


def _run_text(run) -> Iterator[str]:
    for child in run:
        if child.tag == _w("t"):
            yield child.text or ""
        elif child.tag == _w("tab"):
            yield "\t"


def _font_for(text: str, settings: dict) -> str | None:
    """The font of the slot that shows the run's letters (17.3.2.26; MS-OI29500 2.1.88).

    U+0000-U+007F is shown in the w:ascii font; Vietnamese letters with diacritics
    (Latin-1 Supplement, Latin Extended-A/B and Additional, combining marks) in the
    w:hAnsi font. A run holding any non-ASCII letter reports the hAnsi font even when
    its ASCII letters show in another: the Vietnamese letters are the ones a wrong font
    breaks. A run without letters is judged by its other characters the same way.
    w:hint="eastAsia" and the complex-script slot are ignored: administrative
    documents are Vietnamese and Latin text.
    """
    if text.isascii():
        return settings.get("ascii")
    if any(_is_letter(c) for c in text if ord(c) > 0x7F) or not any(c.isalpha() for c in text if c.isascii()):
        return settings.get("hAnsi")
    return settings.get("ascii")


def _is_letter(character: str) -> bool:
    """A letter, or a combining mark (a tone mark typed apart: "a" + U+0301)."""
    return character.isalpha() or unicodedata.category(character).startswith("M")
