"""A document's Layout, by the importer's paragraph numbers."""

from __future__ import annotations

from dvlint.layout.model import Layout


def _table_of(p_element):
    """The nearest w:tbl holding the paragraph (for its table style), or None in the body."""
    from docx.oxml.ns import qn

    parent = p_element.getparent()
    while parent is not None:
        if parent.tag == qn("w:tbl"):
            return parent
        parent = parent.getparent()
    return None


def read_layout(document, elements: list[list]) -> Layout:
    """The look of every numbered paragraph, the pages, and the rules drawn under lines.

    ``elements`` holds the w:p elements of each paragraph number, in order (number - 1).
    """
    from dvlint.layout.lines import lines_under
    from dvlint.layout.page import pages, text_width
    from dvlint.layout.resolve import Resolver

    resolver = Resolver(document)
    numbered = {number: owned for number, owned in enumerate(elements, start=1) if owned}
    paragraphs = {number: [resolver.paragraph(p, _table_of(p)) for p in owned] for number, owned in numbered.items()}
    found = pages(document)
    width = text_width(document, found)
    return Layout(paragraphs=paragraphs, pages=found, lines_under=lines_under(document, numbered, width),
                  text_width=width)
