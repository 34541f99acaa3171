"""``dvlint check --fix``: apply the safe, mechanical fixes to a YAML report.

A rule marked ``safe_fix`` gives each problem the value its field should have
(``fix``). Applying it means changing that value in the file and nothing else:
comments, key order, quoting, indentation and line folding stay as written.

Why not dump the file again with ruamel.yaml's round-trip mode: measured on
the shipped fixtures, a round-trip load and dump (quotes preserved, no line
width) re-indents block sequences and re-folds long scalars, changing 40 to
700 lines of a report that needed one fixed. So the fix is a *text edit*:
the smallest changed piece of the value is found in the value's own span of
the source and replaced there, and the edited file is parsed again to prove
that the field now holds exactly the fixed value and every other value is
unchanged; an edit that cannot be proven is not made. Fixes can overlap (a
recipient line missing both its dash and its full stop), so fixing runs in
passes, checking the edited text again each time, until nothing safe is left.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from dvlint.source import files, yamlload
from dvlint.source.errors import LoadError
from dvlint.i18n import Msg
from dvlint.read.loaders import yaml_report
from dvlint.source.positions import NodePositions, node_span, parse_path

MAX_PASSES = 10
CONTEXT = 8  # characters of unchanged text kept around an edit to find it in the source


@dataclass
class FixOutcome:
    """What fixing one file did: the text before and after, and the fixes applied."""

    path: Path
    before: str
    after: str
    applied: list = field(default_factory=list)  # the Findings that were fixed
    refused: list = field(default_factory=list)  # fixable Findings whose edit could not be proven
    bom: bool = False
    original: bytes = b""  # the file as read: it is replaced only if it still holds exactly this

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        name = str(self.path)
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                            fromfile=name, tofile=name))


def read_for_fix(path: Path, max_size: int = files.DEFAULT_MAX_FILE_SIZE) -> tuple[str, bytes]:
    """The file's text exactly as written (line endings kept), and its bytes.

    Only UTF-8 is rewritten: a file in another encoding would change on
    every line when written back, so it is refused.
    """
    data = files.read_bytes(path, max_size)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LoadError("not-utf8", Msg("tệp không ở dạng UTF-8: không sửa", "the file is not UTF-8: not fixed")) from None
    return text, data


def fix_file(path: Path, engine) -> FixOutcome:
    """Apply ``engine``'s safe fixes to the YAML report at ``path``, in memory."""
    text, data = read_for_fix(path, engine.settings.max_file_size)
    outcome = FixOutcome(path, text, text, bom=data.startswith(b"\xef\xbb\xbf"), original=data)
    safe = {spec.code for spec in engine.rules if spec.safe_fix}
    refused: dict = {}
    for _ in range(MAX_PASSES):
        findings = _fixable(path, outcome.after, engine, safe)
        edited = False
        for finding in _one_per_field(findings):
            new_text = apply_fix(outcome.after, parse_path(finding.field), finding.fix)
            if new_text is None:
                refused[(finding.code, finding.field, finding.fix)] = finding
                continue
            outcome.after = new_text
            outcome.applied.append(finding)
            edited = True
        if not edited:
            break
    outcome.refused = list(refused.values())
    return outcome


CHANGED_MEANWHILE = Msg(
    "tệp đã bị thay đổi trong lúc dvlint sửa: không ghi đè; hãy chạy lại",
    "the file changed while dvlint was fixing it: not overwritten; run again",
)


def write_fixed(outcome: FixOutcome) -> None:
    """Replace the file with the fixed text in one step, with its BOM and permissions as they were.

    If the file no longer holds what was read (an editor saved it meanwhile),
    it is left alone and a LoadError says so: the user's newer text wins.
    """
    data = outcome.after.encode("utf-8")
    replace_if_unchanged(outcome.path, outcome.original, b"\xef\xbb\xbf" + data if outcome.bom else data)


def replace_if_unchanged(path: Path, original: bytes, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` atomically, keeping its permissions, if it still holds
    ``original`` (what was read); else a LoadError says it changed meanwhile and it is left alone."""
    from dvlint.output.atomic import write_atomic

    try:
        current = path.read_bytes()
    except OSError:
        current = None
    if current != original:
        raise LoadError("changed-meanwhile", CHANGED_MEANWHILE)
    write_atomic(path, data, force=True)


def _fixable(path: Path, text: str, engine, safe: set) -> list:
    result = engine.check(yaml_report(path, text))
    return [f for f in result.findings if f.code in safe and f.fix is not None and f.field]


def _one_per_field(findings: list) -> list:
    """The first fix of each field: two fixes of one field are each computed from the old value."""
    seen, chosen = set(), []
    for finding in findings:
        if finding.field not in seen:
            seen.add(finding.field)
            chosen.append(finding)
    return chosen


def apply_fix(text: str, path: tuple, new_value: str) -> str | None:
    """``text`` with the value at ``path`` changed to ``new_value``, or None if that cannot be done safely."""
    raw, positions = yamlload.load(text)
    old_value = value_at(raw, path)
    if not isinstance(old_value, str) or old_value == new_value:
        return None
    span = _scalar_span(positions, path)
    if span is None:
        return None
    starts = _line_starts(text)
    begin = starts[span.line - 1] + span.column - 1
    end = starts[span.end_line - 1] + span.end_column - 1
    region = _edited_region(text[begin:end], old_value, new_value)
    if region is None:
        return None
    candidate = text[:begin] + region + text[end:]
    return candidate if _only_changed(raw, candidate, path, new_value) else None


def value_at(raw, path: tuple):
    """The plain value at ``path``; a scalar written in shorthand stands for its one named field."""
    node = raw
    for index, part in enumerate(path):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, str) and index == len(path) - 1:
            return node  # ``issuer: SỞ NỘI VỤ`` for ``issuer: {name: ...}``
        else:
            return None
    return node


def _scalar_span(positions: NodePositions, path: tuple):
    """The span of the scalar written for ``path``: the value itself, or the shorthand scalar of its parent."""
    _, node, exact = positions.walk(path)
    if not exact and not positions.walk(path[:-1])[2]:
        return None
    return node_span(node) if type(node).__name__ == "ScalarNode" else None


def _line_starts(text: str) -> list[int]:
    """Offsets of the lines as ruamel.yaml counts them (it also ends a line at NEL, LS and PS, as splitlines does)."""
    starts, offset = [0], 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        starts.append(offset)
    return starts


def _edited_region(source: str, old: str, new: str) -> str | None:
    """``source`` (the written form of ``old``) changed so that it reads ``new``.

    Unicode normalization is applied to the written form directly. Any other
    change is narrowed to the part of the value that differs, widened by a
    little unchanged context so it is found once, and replaced where it stands.
    """
    if new == unicodedata.normalize("NFC", old):
        return unicodedata.normalize("NFC", source)
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    left = max(0, prefix - CONTEXT)
    old_piece = old[left:len(old) - suffix + min(suffix, CONTEXT)]
    new_piece = new[left:len(new) - suffix + min(suffix, CONTEXT)]
    if not old_piece or "\n" in old_piece or source.count(old_piece) != 1:
        return None
    return source.replace(old_piece, new_piece, 1)


def _only_changed(before_raw, candidate: str, path: tuple, new_value: str) -> bool:
    """The edited text parses, holds ``new_value`` at ``path``, and differs nowhere else."""
    try:
        after_raw, _ = yamlload.load(candidate)
    except LoadError:
        return False
    if value_at(after_raw, path) != new_value:
        return False
    return _replace_at(before_raw, path, new_value) == after_raw


def _replace_at(raw, path: tuple, value):
    """A copy of ``raw`` with the value at ``path`` replaced (shorthand scalars included)."""
    if not path or isinstance(raw, str):
        return value
    head, rest = path[0], path[1:]
    if isinstance(raw, dict):
        return {key: (_replace_at(item, rest, value) if key == head else item) for key, item in raw.items()}
    if isinstance(raw, list):
        return [(_replace_at(item, rest, value) if index == head else item) for index, item in enumerate(raw)]
    return raw
