"""A .docx's page setup, section by section, and where its page numbers are.

Nghị định 30/2020, Phụ lục I, Phần I mục I: A4 paper (210 x 297 mm), portrait
(landscape allowed for a document with tables), margins top and bottom 20-25 mm,
left 30-35, right 15-20; page numbers 13-14 pt, centred in the top margin, none on
the first page. This module reads what the file says; the DV8xx rules judge it.

Sections: every w:sectPr in document order. One inside a paragraph's w:pPr ends
a section with that paragraph; the body's own last w:sectPr is the last section's.
Lengths come in twips (1/1440 inch) and are given in millimetres (x 25.4 / 1440).
A value that is missing or is not a length Word could lay out ("abc", "-1", "1e12",
beyond Word's 22-inch page) is ``None``.
"""

from __future__ import annotations

import dataclasses

from dvlint.layout._xml import (
    FALLBACK, P, Styles, alignment, attr, child, half_points, on, own, qn, run_size, twips, twips_to_mm, w,
)
from dvlint.layout.model import PageLook, PageNumbers

_SDT_WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml")}


def _blocks(container):
    """The body's paragraphs, tables and sectPr in order, looking through block-level content
    controls (w:sdt) and custom XML, which wrap paragraphs without being any."""
    for node in container:
        if not isinstance(node.tag, str):
            continue
        if node.tag in _SDT_WRAPPERS:
            yield from _blocks(node)
        elif node.tag in (P, w("tbl"), w("sectPr")):
            yield node


class _Section:
    def __init__(self, sect_pr, first_paragraph, has_table):
        self.sect_pr = sect_pr
        self.first_paragraph = first_paragraph
        self.has_table = has_table


def _sections(document) -> list[_Section]:
    """Every section with its w:sectPr (None when the file has none for it), the number of its first
    body paragraph and whether it holds a table."""
    body = document.element.body
    sections: list[_Section] = []
    count = 0
    first = None
    table = False
    pending = False  # content seen since the last section ended
    for node in _blocks(body):
        if node.tag == P:
            count += 1
            first = first or count
            pending = True
            sect = child(child(node, "pPr"), "sectPr")
            if sect is not None:
                sections.append(_Section(sect, first, table))
                first, table, pending = None, False, False
        elif node.tag == w("tbl"):
            table, pending = True, True
        else:  # the body's own sectPr: the last section
            sections.append(_Section(node, first, table))
            first, table, pending = None, False, False
    if pending or not sections:  # a damaged file: content after the last sectPr, or none at all
        sections.append(_Section(None, first, table))
    return sections


def _twips_mm(element, name: str, *, signed: bool = False) -> float | None:
    return twips_to_mm(twips(attr(element, name), signed=signed))


def _margin(pg_mar, name: str) -> float | None:
    """A top or bottom margin: Word writes it negative to mean "exactly this, whatever the header
    holds"; the distance from the edge is its absolute value."""
    value = _twips_mm(pg_mar, name, signed=True)
    return None if value is None else abs(value)


def _part_root(document, rel_id: str | None):
    """The XML of the header or footer part a relationship id names; None when it names none."""
    if not rel_id:
        return None
    try:
        part = document.part.related_parts[rel_id]
    except (KeyError, AttributeError):
        return None
    element = getattr(part, "element", None)
    if element is not None:
        return element
    try:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(part.blob, parser)
    except Exception:
        return None


def _is_page(instr: str) -> bool:
    """A field instruction showing the page number: PAGE (not NUMPAGES, SECTIONPAGES or PAGEREF)."""
    return "PAGE" in instr.replace("{", " ").replace("}", " ").upper().split()


def _page_field(root):
    """The first PAGE field in a header or footer, in document order, looking into content controls
    (Word's page-number building blocks wrap it in w:sdt) and text boxes, not into the copy kept for
    older readers: (the paragraph holding it, the runs showing the number)."""
    stack: list[dict] = []
    fld_simple, fld_char, instr_text, run = w("fldSimple"), w("fldChar"), w("instrText"), w("r")
    for p in root.iter(P):
        if any(a.tag == FALLBACK for a in p.iterancestors()):
            continue
        for node in own(p, {fld_simple, fld_char, instr_text, run}):
            if node.tag == fld_simple:
                if _is_page(attr(node, "instr") or ""):
                    return p, [r for r in node.iter(run)]
            elif node.tag == run:
                if node.find(w("t")) is not None:
                    for field in stack:
                        if field["result"]:
                            field["runs"].append(node)
            elif node.tag == instr_text:
                if stack and not stack[-1]["result"]:
                    stack[-1]["instr"].append(node.text or "")
            else:
                kind = attr(node, "fldCharType")
                if kind == "begin":
                    stack.append({"instr": [], "result": False, "runs": [], "p": p, "begin": node.getparent()})
                elif kind == "separate" and stack:
                    stack[-1]["result"] = True
                elif kind == "end" and stack:
                    field = stack.pop()
                    if _is_page("".join(field["instr"])):
                        return field["p"], field["runs"] or [field["begin"]]
    return None


_FRAME_ALIGN = {"left": "left", "center": "center", "right": "right", "inside": "left", "outside": "right"}


def _tab_stops(p, styles: Styles) -> list[tuple[float, str]]:
    """The paragraph's tab stops (its own over its style's), sorted by position."""
    stops: dict[float, str] = {}
    sources = [child(child(s, "pPr"), "tabs") for s in reversed(list(styles.paragraph_chain(p)))]
    sources.append(child(child(p, "pPr"), "tabs"))
    for tabs in sources:
        for tab in tabs if tabs is not None else ():
            pos = twips(attr(tab, "pos"), signed=True)
            if pos is None:
                continue
            if attr(tab, "val") == "clear":
                stops.pop(pos, None)
            else:
                stops[pos] = attr(tab, "val") or "left"
    return sorted(stops.items())


def _field_alignment(p, first_run, styles: Styles) -> str | None:
    """How the number is placed across the page: the paragraph's w:jc; a frame's w:xAlign (old page
    numbers sit in a frame); or, for a left-aligned paragraph where only tabs come before the field,
    the kind of tab stop it lands on (the Header style's centre tab at 8.25 cm)."""
    xalign = attr(child(child(p, "pPr"), "framePr"), "xAlign")
    if xalign in _FRAME_ALIGN:
        return _FRAME_ALIGN[xalign]
    jc = alignment(p, styles)
    if jc not in (None, "left") or first_run is None:
        return jc
    tabs = 0
    for node in own(p, {w("t"), w("tab"), w("r")}):
        if node is first_run:
            break
        if node.tag == w("t") and (node.text or "").strip():
            return jc
        if node.tag == w("tab") and node.getparent().tag == w("r"):
            tabs += 1
    stops = [kind for _, kind in _tab_stops(p, styles) if kind not in ("bar",)]
    if tabs and tabs <= len(stops) and stops[tabs - 1] in ("center", "right"):
        return stops[tabs - 1]
    return jc


def _numbers_in(root, where: str, styles: Styles) -> PageNumbers | None:
    found = _page_field(root) if root is not None else None
    if found is None:
        return None
    p, runs = found
    size = next((s for s in (half_points(child(r, "rPr")) for r in runs) if s is not None), None)
    if size is None:
        size = run_size(runs[0] if runs else None, p, styles)
    return PageNumbers(where=where, alignment=_field_alignment(p, runs[0] if runs else None, styles),
                       size=size, first_page_shown=True, paragraph=p, runs=tuple(runs))


def _even_and_odd(document) -> bool:
    try:
        return on(document.settings.element.find(w("evenAndOddHeaders")))
    except Exception:
        return False


def _page_numbers(document, refs: dict[tuple[str, str], str], title_page: bool, styles: Styles,
                  even_odd: bool) -> PageNumbers | None:
    """The section's page numbers: in its default header or footer (the even one too when the document
    keeps even and odd pages apart). With w:titlePg the first page shows the "first" header and footer,
    numbered only if one of them holds a PAGE field itself."""
    kinds = ["default", "even"] if even_odd else ["default"]
    body = None
    for kind in kinds:
        for where in ("header", "footer"):
            body = body or _numbers_in(_part_root(document, refs.get((where, kind))), where, styles)
    first = None
    if title_page:
        for where in ("header", "footer"):
            first = first or _numbers_in(_part_root(document, refs.get((where, "first"))), where, styles)
    if body is None:  # numbers on the first page only (or nowhere)
        return dataclasses.replace(first, title_page=True) if first is not None else None
    shown = first is not None if title_page else True
    return dataclasses.replace(body, first_page_shown=shown, title_page=title_page)


def pages(document) -> list[PageLook]:
    """Every section's page setup in document order (python-docx ``Document``).

    ``first_paragraph`` counts the body's own paragraphs (w:p outside tables, looking through
    block-level content controls), from 1: it is not the importer's paragraph number, which counts
    table cells' paragraphs too; the caller maps it.

    A section without its own w:headerReference / w:footerReference of a type inherits the previous
    section's of that type (ECMA-376 17.10.5).
    """
    styles = Styles(document)
    even_odd = _even_and_odd(document)
    refs: dict[tuple[str, str], str] = {}
    out = []
    for index, section in enumerate(_sections(document), start=1):
        sect = section.sect_pr
        for where in ("header", "footer"):
            for ref in sect.findall(w(f"{where}Reference")) if sect is not None else ():
                kind = attr(ref, "type") or "default"
                rel_id = ref.get(qn("r:id"))
                if kind in ("default", "first", "even") and rel_id:
                    refs[(where, kind)] = rel_id
        pg_sz, pg_mar = child(sect, "pgSz"), child(sect, "pgMar")
        width, height = _twips_mm(pg_sz, "w"), _twips_mm(pg_sz, "h")
        width = width if width else None  # a page 0 mm wide is no page
        height = height if height else None
        landscape = attr(pg_sz, "orient") == "landscape" or (width is not None and height is not None and width > height)
        out.append(PageLook(
            index=index, width=width, height=height, landscape=landscape,
            top=_margin(pg_mar, "top"), bottom=_margin(pg_mar, "bottom"),
            left=_twips_mm(pg_mar, "left"), right=_twips_mm(pg_mar, "right"),
            page_numbers=_page_numbers(document, refs, on(child(sect, "titlePg")), styles, even_odd),
            first_paragraph=section.first_paragraph, has_table=section.has_table, element=sect,
        ))
    return out


def text_width(document, found: list[PageLook] | None = None) -> float | None:
    """The width text is set in on the first section's page: page width less left and right margins, mm
    (None when one of them is unknown or the margins leave nothing). ``found``: the pages, when read."""
    found = pages(document) if found is None else found
    if not found:
        return None
    first = found[0]
    if first.width is None or first.left is None or first.right is None:
        return None
    width = first.width - first.left - first.right
    return width if width > 0 else None
