"""Where each value of a loaded file came from.

Loading keeps a map from the *path* of every value (``("signature", "title")``,
``("sections", 2, "children", 0, "heading")``) to its line and column in the
file. Rules speak in paths; the engine turns a path into a location here, so a
rule never has to know about YAML marks, and a loader for another file type
(.docx, .md) only has to fill the same map.
"""

from __future__ import annotations

import bisect
import itertools

import re
from dataclasses import dataclass, field
from typing import NamedTuple

Path = tuple  # a tuple of str keys and int indexes

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class _Breaks(NamedTuple):
    """Where a kind of file breaks its lines: "\r\n", "\n", and the ``others`` (one character each)."""

    others: str
    pattern: re.Pattern

    @classmethod
    def besides_newline(cls, others: str) -> "_Breaks":
        return cls(others, re.compile("\r\n|[\n" + others + "]"))


_TEXT_BREAKS = _Breaks.besides_newline("\r")
_YAML_BREAKS = _Breaks.besides_newline("\r\x85\u2028\u2029")


def text_lines(text: str) -> list[str]:
    """The lines of a text file as an editor numbers them.

    Not ``str.splitlines()``: it also breaks at a form feed (every page break
    of text from a PDF), a vertical tab and \\x1c-\\x1e, and every such break
    would put the findings below it a line too low.
    """
    return _lines(text, _TEXT_BREAKS)


def yaml_lines(text: str) -> list[str]:
    """The lines of a YAML file as ruamel.yaml counts them (its marks give the line numbers)."""
    return _lines(text, _YAML_BREAKS)


def _lines(text: str, breaks: _Breaks) -> list[str]:
    """``text`` split at its ``breaks``; at "\n" alone by str.split when it holds none of the others
    (most files): the same lines, several times faster than a regular expression's split."""
    lines = breaks.pattern.split(text) if any(ch in text for ch in breaks.others) else text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def format_path(path: Path) -> str:
    """``("sections", 2, "heading")`` -> ``"sections[2].heading"``."""
    out = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + str(part))
    return "".join(out)


def without_indexes(text: str) -> str:
    """``"sections[2].paragraphs[0]"`` -> ``"sections[].paragraphs[]"``: the place of a value, whatever
    was inserted before it (a baseline and a quarter-to-quarter comparison must not see a shifted list as new)."""
    return _INDEX.sub("[]", text)


_INDEX = re.compile(r"\[\d+\]")


def parse_path(text: str) -> Path:
    """The inverse of :func:`format_path`."""
    parts: list[str | int] = []
    for name, index in _SEGMENT.findall(text):
        parts.append(int(index) if index else name)
    return tuple(parts)


class Span(NamedTuple):
    """Where one value stands: 1-based line and column of its start and end.

    A named tuple: a report has thousands of them and they are made on the
    hot path of loading.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    style: str | None = None  # YAML scalar style: None (plain), "'", '"', "|", ">"


_LINE_BY_LINE = 16  # a value over fewer lines is searched line by line


@dataclass
class PositionMap:
    """Spans of values and of mapping keys, by path, plus the source lines.

    Importers that build a report from another format fill ``values`` and
    ``keys``; the YAML loader uses :class:`NodePositions`, which finds spans
    in the composed node tree only when asked.
    """

    values: dict[Path, Span] = field(default_factory=dict)
    keys: dict[Path, Span] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def value_span(self, path: Path) -> Span | None:
        """The span of the value at ``path``, or of its nearest ancestor."""
        path = tuple(path)
        while True:
            span = self.values.get(path)
            if span is not None or not path:
                return span
            path = path[:-1]

    def key_span(self, path: Path) -> Span | None:
        return self.keys.get(tuple(path)) or self.value_span(path)

    def locate(self, path: Path, snippet: str | None = None) -> tuple[int, int]:
        """Line and column of ``path``; of ``snippet`` inside it when given.

        A snippet (a piece of the value's text) is searched for in the source
        lines the value spans, so that a finding about one citation in a long
        paragraph points at the citation, whatever the scalar style.
        """
        span = self.value_span(path)
        if span is None:
            return (1, 1)
        if snippet:
            found = self._find(span, snippet)
            if found:
                return found
        return (span.line, span.column)

    def _find(self, span: Span, snippet: str) -> tuple[int, int] | None:
        probe = snippet.strip().split("\n", 1)[0][:40]
        if not probe:
            return None
        last = min(span.end_line, len(self.lines))
        if last - span.line < _LINE_BY_LINE:
            for line_no in range(span.line, last + 1):
                start = span.column - 1 if line_no == span.line else 0
                col = self.lines[line_no - 1].find(probe, start)
                if col >= 0:
                    return (line_no, col + 1)
            return None
        # A value over many lines (a paragraph hard-wrapped into 20,000): its lines joined once and
        # searched at C speed, and each probe's answer kept. Line by line, 3,000 findings in such a
        # paragraph (a word typed twice, found on each pair of lines) took minutes.
        cache = self.__dict__.setdefault("_span_search", {})
        key = (span.line, span.column, last, probe)
        if key not in cache:
            joined = cache.get((span.line, last))
            if joined is None:
                lines = self.lines[span.line - 1:last]
                starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
                joined = cache[(span.line, last)] = ("\n".join(lines), starts)
            text, starts = joined
            at = text.find(probe, span.column - 1)
            if at < 0:
                cache[key] = None
            else:
                k = bisect.bisect_right(starts, at) - 1
                cache[key] = (span.line + k, at - starts[k] + 1)
        return cache[key]

    def source_line(self, line: int) -> str | None:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return None


def node_span(node) -> Span:
    """The span of a composed YAML node (marks are 0-based)."""
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1, getattr(node, "style", None))


class NodePositions(PositionMap):
    """Positions read from a composed YAML node tree, on demand.

    Only a few values of a report are ever located (those with findings), so
    walking the tree for them is far cheaper than recording the span of every
    value while loading.
    """

    def __init__(self, root, text: str):
        self.root = root
        self._text = text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """The source lines, split only when a finding needs one."""
        if self._lines is None:
            self._lines = yaml_lines(self._text)
        return self._lines

    def walk(self, path: Path):
        """The (key node, value node) at ``path``, or at its nearest ancestor."""
        key_node, node = None, self.root
        for part in path:
            found = None
            if isinstance(part, str) and isinstance(node.value, list) and node.value and isinstance(node.value[0], tuple):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
            elif isinstance(part, int) and isinstance(node.value, list) and 0 <= part < len(node.value) \
                    and not isinstance(node.value[part], tuple):
                found = (None, node.value[part])
            if found is None:
                return key_node, node, False
            key_node, node = found
        return key_node, node, True

    def value_span(self, path: Path) -> Span | None:
        if self.root is None:
            return None
        return node_span(self.walk(tuple(path))[1])

    def key_span(self, path: Path) -> Span | None:
        if self.root is None:
            return None
        key_node, node, exact = self.walk(tuple(path))
        return node_span(key_node if exact and key_node is not None else node)
