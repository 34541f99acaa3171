"""Accepting known exceptions: inline suppressions, per-file ignores, a baseline.

Registered as a ``dvlint_process_findings`` plugin, so it runs after the rules
and before scoring (a suppressed finding costs no points), like any pack's.

Inline, in a YAML report (comments are read from the source text)::

    place: Đăk Nông   # dvlint: disable=DV204 -- the name of the time, kept as written
    # dvlint: disable=DV5 -- this block is copied from the letter we answer
    recipients: ...                  # (the whole node on the next line)
    # dvlint: disable-file=DV7       (at the top: the whole file)

A suppression must name codes (or prefixes); one that silences nothing is an
info finding (DV001), and one without codes is a warning (DV002).
Per-file ignores come from the ``per-file`` setting (globs relative to the
configuration file); the baseline from ``--baseline FILE``.

Inline suppressions are written by whoever wrote the report. ``dvlint score``
ranks reports other agencies sent, so there they do not apply unless the
commission's configuration says ``inline-suppressions = true``; the findings
they would have silenced are kept and counted (``suppressions_ignored``).
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import re
from pathlib import Path

from dvlint.engine.hooks import hookimpl
from dvlint.engine.rule import CODE_PREFIX_PATTERN
from dvlint.i18n import Msg
from dvlint.source.positions import without_indexes

_DIRECTIVE = re.compile(r"#\s*dvlint:\s*(?P<kind>disable-file|disable)\s*(?:=\s*(?P<codes>[^#]*?))?\s*(?:--\s*(?P<reason>.*))?$")
_CODE = CODE_PREFIX_PATTERN  # DV401, DV4, or a plugin's code (LD101)


class Directive:
    def __init__(self, line: int, kind: str, codes: tuple[str, ...], lines: range | None, reason: str | None):
        self.line, self.kind, self.codes, self.lines, self.reason = line, kind, codes, lines, reason
        self.used = False

    def covers(self, finding) -> bool:
        if not any(finding.code.startswith(code) for code in self.codes):
            return False
        return self.lines is None or finding.line in self.lines


def directives(lines: list[str]) -> tuple[list[Directive], list[tuple[int, str]]]:
    """The suppressions in a YAML text, and (line, text) of malformed ones."""
    found, malformed = [], []
    for number, text in enumerate(lines, 1):
        if "dvlint:" not in text:
            continue
        hash_at = _comment_start(text)
        if hash_at is None:
            continue
        m = _DIRECTIVE.search(text[hash_at:])
        if not m:
            continue
        codes = tuple(c.strip().upper() for c in (m["codes"] or "").split(",") if c.strip())
        if not codes or not all(_CODE.match(c) for c in codes):
            malformed.append((number, text.strip()))
            continue
        if m["kind"] == "disable-file":
            span = None
        elif text[:hash_at].strip():
            span = range(number, number + 1)  # at the end of a line: that line
        else:
            span = _next_node(lines, number)  # on its own: the node that follows
        found.append(Directive(number, m["kind"], codes, span, m["reason"]))
    return found, malformed


def _comment_start(text: str) -> int | None:
    """Where a YAML comment starts in a line (a # after white space, outside quotes)."""
    quote = None
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return i
    return None


def _next_node(lines: list[str], after: int) -> range:
    """The lines of the node that starts on the next content line (it and what is indented under it)."""
    start = next((i for i in range(after, len(lines)) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if start is None:
        return range(0)
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
                                or lines[end].lstrip().startswith("- ") and len(lines[end]) - len(lines[end].lstrip()) == indent
                                and lines[start].rstrip().endswith(":")):
        end += 1
    return range(start + 1, end + 1)


def fingerprint(path, finding) -> str:
    """What a baseline remembers of a finding: file, rule, field and message, never the line.

    The field is kept without its list indexes (``sections[].paragraphs[]``):
    a paragraph inserted above must not make the findings below it new.
    """
    text = "\x1f".join([Path(path).as_posix(), finding.code, without_indexes(finding.field or ""), finding.message.en])
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()  # a name that is not UTF-8: its bytes


@functools.cache
def load_baseline(path: Path) -> dict[str, int]:
    from dvlint.source.errors import UsageError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["findings"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(Msg(f"{path}: không đọc được tệp baseline: {exc}", f"{path}: cannot read the baseline: {exc}")) from None
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry["fingerprint"]] = counts.get(entry["fingerprint"], 0) + 1
    return counts


def write_baseline(run, path: Path) -> int:
    from dvlint.output.atomic import write_atomic

    from dvlint.output.untrusted import safe_text

    entries = [{"path": safe_text(Path(r.path).as_posix()), "code": f.code, "field": f.field, "message": f.message.en,
                "fingerprint": fingerprint(r.path, f)} for r in run.reports for f in r.findings]
    write_atomic(path, json.dumps({"version": 1, "tool": "dvlint", "findings": entries}, ensure_ascii=False, indent=2) + "\n",
                 force=True)
    return len(entries)


def _per_file_ignores(result, config) -> tuple[str, ...]:
    if not config.per_file:
        return ()
    base = config.source.parent if config.source else Path.cwd()
    try:
        relative = Path(result.path).resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, RuntimeError, OSError):  # outside the base folder, or a loop of links
        relative = Path(result.path).as_posix()
    return tuple(code for pattern, codes in config.per_file for code in codes
                 if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(result.path).name, pattern))


@hookimpl
def dvlint_process_findings(result, config):
    from dvlint.engine.core import Finding

    kept, suppressed = [], 0
    ignores = _per_file_ignores(result, config)
    found, malformed = ([], [])
    if result.loaded is not None and result.loaded.source_kind == "yaml":
        found, malformed = directives(result.loaded.positions.lines)
    if found and not config.inline_suppressions:
        result.suppressions_ignored = sum(1 for f in result.findings if any(d.covers(f) for d in found))
        found, malformed = [], []
    baseline = dict(load_baseline(config.baseline)) if config.baseline else None
    for finding in result.findings:
        directive = next((d for d in found if d.covers(finding)), None)
        key = fingerprint(result.path, finding) if baseline is not None else None
        if directive is not None:
            directive.used = True
        elif any(finding.code.startswith(code) for code in ignores):
            pass
        elif key is not None and baseline.get(key, 0) > 0:
            baseline[key] -= 1
        else:
            kept.append(finding)
            continue
        suppressed += 1
    for d in found:
        if not d.used:
            kept.append(Finding("DV001", "unused-suppression", "info",
                                Msg(f"Chỉ thị bỏ qua {', '.join(d.codes)} không bỏ qua phát hiện nào: có thể xóa",
                                    f"The suppression of {', '.join(d.codes)} silences nothing: it can go"),
                                d.line, 1, None, 0.0))
    for line, text in malformed:
        kept.append(Finding("DV002", "bad-suppression", "warning",
                            Msg(f"Chỉ thị bỏ qua phải ghi mã quy tắc: '# dvlint: disable=DV401 -- lý do' (đang là '{text}')",
                                f"A suppression must name rule codes: '# dvlint: disable=DV401 -- reason' (found '{text}')"),
                            line, 1, None, 0.0))
    result.findings[:] = kept
    result.suppressed = suppressed
