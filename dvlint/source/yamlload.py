"""Safe, fast, positioned YAML loading.

The file is composed into nodes by ruamel.yaml's C parser (``typ="safe"``,
with ruamel.yaml.clib): about thirty times faster than the round-trip mode,
and each node's start mark still gives its line and column. The nodes are
then turned into plain Python values by :func:`to_python`, which at the same
time records every value's position, refuses unsafe tags, refuses duplicate
keys (YAML says they are an error; "the last one wins" would hide a mistake)
and bounds how far aliases may expand.

Round-trip mode, which keeps comments, is for the places that rewrite a file
(fixes), not for checking.
"""

from __future__ import annotations

import math

from dvlint.source import errors
from dvlint.source.errors import LoadError
from dvlint.source.positions import NodePositions, PositionMap, node_span

MAX_NODES = 200_000
EXPANSION_RATIO = 2  # the text a file's values hold, aliases expanded, is at most this many times max-file-size
_DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024  # files.DEFAULT_MAX_FILE_SIZE (files imports what imports this module)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}

_yaml = None


def _composer():
    """One safe YAML instance per process, made on first use."""
    global _yaml
    if _yaml is None:
        from ruamel.yaml import YAML

        _yaml = YAML(typ="safe")
        _yaml.Resolver = _resolver_class()
    return _yaml


def _resolver_class():
    """ruamel.yaml's resolver, but finding its table of implicit types once per document.

    For every plain scalar the stock resolver looks up the YAML version
    twice, each time raising and catching an AttributeError (the C parser has
    no Python scanner to ask): a third of composing a report. With the C
    parser the version cannot change within a document, so the table is kept
    after the first lookup, and a plain scalar is resolved from it directly
    (the stock ``resolve`` asks for the table twice and then for path
    resolvers, which a safe loader has none of). The tags come out the same
    (tests/test_loading.py).
    """
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    class OnceResolver(VersionedResolver):
        @property
        def versioned_resolver(self):
            table = self.__dict__.get("_dvlint_table")
            if table is None:
                table = self.__dict__["_dvlint_table"] = VersionedResolver.versioned_resolver.fget(self)
            return table

        def resolve(self, kind, value, implicit):
            if kind is not ScalarNode or not implicit[0] or self.yaml_path_resolvers:
                return super().resolve(kind, value, implicit)
            table = self.versioned_resolver
            for tag, regexp in table.get(value[0] if value else "", []) + table.get(None, []):
                if regexp.match(value):
                    return Tag(suffix=tag)
            return self.DEFAULT_SCALAR_TAG

    return OnceResolver


def compose(text: str):
    """Compose ``text`` into a node tree, turning parser errors into LoadErrors."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    composer = _composer()
    try:
        node = composer.compose(text)
    except MarkedYAMLError as exc:
        if "expected a single document" in str(exc.context or "") + str(exc.problem or ""):
            mark = exc.problem_mark or exc.context_mark
            raise LoadError("several-documents", errors.SEVERAL_DOCUMENTS, mark.line + 1, mark.column + 1) from None
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LoadError("yaml-syntax", errors.yaml_problem_message(exc.problem or exc.context), line, col) from None
    except YAMLError as exc:
        raise LoadError("yaml-syntax", errors.yaml_problem_message(str(exc))) from None
    except RecursionError:
        raise LoadError("too-deep", errors.TOO_DEEP) from None
    finally:
        composer.doc_infos.clear()  # ruamel keeps one per document composed: the reused composer would grow
    if node is None:
        raise LoadError("empty", errors.EMPTY)
    return node


def load(text: str, max_file_size: int | None = None) -> tuple[object, PositionMap]:
    """Parse YAML text into plain values, and the positions to locate them.

    The values' text, aliases expanded, may be at most ``EXPANSION_RATIO`` times
    ``max_file_size`` characters (without one: times the default limit or the text's
    length, whichever is larger). Without aliases a file holds no more text than its size.
    """
    node = compose(text)
    limit = EXPANSION_RATIO * (max_file_size or max(_DEFAULT_MAX_FILE_SIZE, len(text)))
    converter = _Converter(limit)
    try:
        value = converter.convert(node)
    except RecursionError:
        raise LoadError("too-deep", errors.TOO_DEEP) from None
    except _ExpandsTooFar:
        line, column = _alias_mark(text, converter.alias_count)
        raise LoadError("alias-expansion", errors.ALIAS_EXPANSION.format(limit=limit), line, column) from None
    return value, NodePositions(node, text)


class _ExpandsTooFar(Exception):
    """Aliases brought in more text than the limit allows."""


def _alias_mark(text: str, count: int) -> tuple[int, int]:
    """Line and column of the ``count``-th alias (``*name``) of ``text``, 1-based.

    The composed nodes do not keep where an alias was written (an alias is
    its anchor's node again), so the file's events are read once more, by the
    pure-Python parser, which expands nothing. Only for a file being refused.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent

    seen = 0
    for event in YAML(typ="safe", pure=True).parse(text):
        if isinstance(event, AliasEvent):
            seen += 1
            if seen == count:
                return event.start_mark.line + 1, event.start_mark.column + 1
    return 1, 1


def _tag(node) -> str:
    """The node's resolved tag. ``node.tag`` formats a string on every read."""
    ctag = node.ctag
    return ctag.suffix if ctag.handle is None else str(ctag)


class _Converter:
    """Turns composed nodes into dict/list/str/int/float/bool/None values.

    On the hot path of loading: it checks what must be checked (safe tags,
    duplicate keys, how far aliases expand) and nothing else; positions are
    looked up later, only for what is reported.
    """

    def __init__(self, max_chars: int = 2**62):
        self.budget = MAX_NODES
        self.chars = max_chars  # what the values' text may still hold
        self.seen: set[int] = set()  # the nodes met so far: meeting one again is meeting an alias
        self.alias_count = 0  # the aliases written in the file met so far (not those inside an expansion)
        self.expanding = False  # within what an alias brings in

    def convert(self, node):
        self.budget -= 1
        if self.budget < 0:
            raise LoadError("too-many-nodes", errors.TOO_MANY_NODES.format(limit=MAX_NODES))
        key = id(node)
        if key in self.seen and not self.expanding:  # an alias the file writes: expanded, counted
            self.alias_count += 1
            self.expanding = True
            try:
                return self._convert(node)
            finally:
                self.expanding = False
        self.seen.add(key)
        return self._convert(node)

    def _convert(self, node):
        tag = _tag(node)
        if tag == _STR:
            return self._text(node.value)
        if tag == _MAP:
            return self._mapping(node)
        if tag == _SEQ:
            return [self.convert(item) for item in node.value]
        if tag in _SCALAR_TAGS:
            return _scalar(tag, self._text(node.value))
        span = node_span(node)
        raise LoadError("unsafe-tag", errors.UNSAFE_TAG.format(tag=_short_tag(tag)), span.line, span.column)

    def _text(self, value: str) -> str:
        self.chars -= len(value)
        if self.chars < 0:
            raise _ExpandsTooFar
        return value

    def _mapping(self, node) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key_tag = _tag(key_node)
            if key_tag == _MERGE:
                span = node_span(key_node)
                raise LoadError("unsafe-tag", errors.UNSAFE_TAG.format(tag="<< (merge)"), span.line, span.column)
            if key_tag not in _SCALAR_TAGS:
                span = node_span(key_node)
                kind = "mapping" if key_tag == _MAP else "sequence"
                raise LoadError("non-string-key", errors.NON_STRING_KEY.format(kind=kind), span.line, span.column)
            if id(key_node) in self.seen:  # an aliased key
                if not self.expanding:
                    self.alias_count += 1
            else:
                self.seen.add(id(key_node))
            key = self._text(str(key_node.value))
            if key == "<<" and key_tag == _STR:
                span = node_span(key_node)
                raise LoadError("unsafe-tag", errors.UNSAFE_TAG.format(tag="<< (merge)"), span.line, span.column)
            if key in result:
                raise _duplicate(node, key_node, key)
            result[key] = self.convert(value_node)
        return result


def _duplicate(mapping_node, key_node, key: str) -> LoadError:
    first = next(k for k, _ in mapping_node.value if str(k.value) == key)
    span = node_span(key_node)
    return LoadError("duplicate-key", errors.DUPLICATE_KEY.format(key=key, first_line=node_span(first).line),
                     span.line, span.column)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _scalar(tag: str, text: str):
    if tag == _STR or tag == _TIMESTAMP:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() == "true"
    if tag == _INT:
        return _to_int(text)
    return _to_float(text)


def _to_int(text: str):
    clean = text.replace("_", "")
    try:
        if clean.lstrip("+-").startswith(("0x", "0o", "0b")):
            return int(clean, 0)
        return int(clean, 10)
    except ValueError:
        return text


def _to_float(text: str):
    clean = text.replace("_", "").lower()
    if clean in (".inf", "+.inf"):
        return math.inf
    if clean == "-.inf":
        return -math.inf
    if clean == ".nan":
        return math.nan
    try:
        return float(clean)
    except ValueError:
        return text
