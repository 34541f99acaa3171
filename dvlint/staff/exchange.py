"""What a commission sends back and compares: per-agency findings files, quarter against quarter.

``--per-agency DIR`` writes, for each report, its findings as text and JSON,
named after the agency and the document number so that a clerk can attach
each to the reply. Names are ASCII, at most NAME_LIMIT characters before the
suffix, and unique: a name already given gets ``_`` and eight hex digits of a
hash of the report's path (two folders may each hold a report of the same
agency and number). ``--compare PREVIOUS.json`` reads an earlier run's JSON
(``dvlint score --json`` or ``dvlint check --format json``) and tells, per
agency, the score then and now and which findings were fixed or are new.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from dvlint.source.errors import UsageError
from dvlint.i18n import Msg
from dvlint.source.positions import without_indexes
from dvlint.output.json_format import report_dict
from dvlint.output.untrusted import safe_text


def ascii_slug(text: str) -> str:
    """``SỞ NỘI VỤ`` -> ``so-noi-vu``: a file name that survives e-mail and every file system."""
    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


NAME_LIMIT = 100  # characters (ASCII: bytes) of a name before its suffix; file systems allow 255 bytes


def per_agency_name(result) -> str:
    """``so-noi-vu_05-kh-snv``; a file with no readable identity is named after itself."""
    identity = result.identity or {}
    number = re.sub(r"^s[ốo]\s*:?\s*", "", identity.get("number", ""), flags=re.IGNORECASE)
    parts = [ascii_slug(identity.get("agency", "")), ascii_slug(number)]
    name = "_".join(p for p in parts if p) or ascii_slug(Path(result.path).stem) or "report"
    return name[:NAME_LIMIT].rstrip("-_")


def _unique(name: str, path, used: set) -> str:
    """``name``, or when it is taken ``name_`` and eight hex digits of a hash of the report's path."""
    digest = hashlib.sha256(os.fsencode(str(path))).hexdigest()[:8]
    unique, tries = name, 1
    while unique in used:  # a second try only when the same file was named twice on the command line
        unique = f"{name}_{digest}" if tries == 1 else f"{name}_{digest}-{tries}"
        tries += 1
    used.add(unique)
    return unique


def write_per_agency(run, folder: Path, render_text, options) -> list[Path]:
    """One .txt and one .json per report, named by :func:`per_agency_name`, made unique by :func:`_unique`."""
    from dvlint.output.atomic import write_atomic
    from dvlint.engine.core import RunResult

    folder.mkdir(parents=True, exist_ok=True)
    written, used = [], set()
    for result in run.reports:
        name = _unique(per_agency_name(result), result.path, used)
        single = RunResult(reports=[result], rules=run.rules)
        text_path, json_path = folder / f"{name}.txt", folder / f"{name}.json"
        buffer = io.StringIO()
        render_text(single, replace(options, color="never"), file=buffer)
        write_atomic(text_path, buffer.getvalue(), force=True)
        write_atomic(json_path, json.dumps(report_dict(result, options.lang), ensure_ascii=False, indent=2) + "\n",
                     force=True)
        written += [text_path, json_path]
    return written


def _key(report: dict) -> str:
    """Reports are matched quarter to quarter by agency, the body above it and kind; else by file name."""
    document = report.get("document") or {}
    if document.get("agency"):
        parts = [document["agency"], document.get("parent") or "", document.get("kind") or ""]
        return " · ".join(p for p in parts if p)
    return Path(report["path"]).name


def _by_place(report: dict | None) -> dict:
    """Findings keyed by rule and field, not by message: the earlier run may be in the other language."""
    out: dict = {}
    for f in (report or {}).get("findings", []):
        out.setdefault((f["code"], without_indexes(f.get("field") or "")), []).append(f["message"])
    return out


def _difference(a: dict, b: dict) -> list[tuple[str, str]]:
    """(code, message) of the findings in ``a`` beyond those in ``b``, place by place."""
    out = []
    for place, messages in a.items():
        extra = len(messages) - len(b.get(place, []))
        if extra > 0:
            out += [(place[0], message) for message in messages[-extra:]]
    return sorted(out)


def load_previous(path: Path) -> list[dict]:
    """The reports of a previous run's JSON, checked before the run starts: a malformed file is a usage
    error now, not a crash after every report was scored."""
    try:
        reports = json.loads(path.read_text(encoding="utf-8"))["reports"]
        _check_previous(reports)
        return reports
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(Msg(f"{path}: không đọc được kết quả lần trước: {exc}",
                             f"{path}: cannot read the previous results: {exc}")) from None


def _check_previous(reports) -> None:
    """Raise ValueError unless ``reports`` has the shape ``dvlint score --json`` writes (what compare reads)."""
    if not isinstance(reports, list):
        raise ValueError("'reports' is not a list")
    for number, report in enumerate(reports, 1):
        where = f"report {number}"
        if not isinstance(report, dict):
            raise ValueError(f"{where} is not an object")
        document = report.get("document") or {}
        if not isinstance(report.get("path"), str) or not isinstance(document, dict):
            raise ValueError(f"{where}: no 'path', or a 'document' that is not an object")
        if not all(isinstance(document.get(k) or "", str) for k in ("agency", "parent", "kind")):
            raise ValueError(f"{where}: the document's agency, parent or kind is not text")
        if not (report.get("score") is None or isinstance(report["score"], (int, float))):
            raise ValueError(f"{where}: 'score' is not a number")
        if not isinstance(report.get("findings", []), list):
            raise ValueError(f"{where}: 'findings' is not a list")
        for finding in report.get("findings", []):
            if not (isinstance(finding, dict) and isinstance(finding.get("code"), str)
                    and isinstance(finding.get("message"), str) and isinstance(finding.get("field") or "", str)):
                raise ValueError(f"{where}: a finding without its code and message as text")


def compare(previous: list[dict], run, lang: str) -> list[dict]:
    """Per agency: score then and now, findings fixed and new (compared by rule and field)."""
    before = {_key(r): r for r in previous}
    out = []
    for result in run.reports:
        now = report_dict(result, lang)
        key = _key(now)
        then = before.get(key)
        old, new = _by_place(then), _by_place(now)
        out.append({
            "agency": key,
            "then": then.get("score") if then else None,
            "now": now["score"],
            "fixed": _difference(old, new) if then else [],
            "new": _difference(new, old) if then else [],
        })
    return out


def compare_text(rows: list[dict], lang: str) -> str:
    title = Msg("So với lần trước", "Compared with the previous run").text(lang)
    lines = [title]
    for row in rows:
        then = "—" if row["then"] is None else f"{row['then']:g}"
        now = "—" if row["now"] is None else f"{row['now']:g}"
        fixed = Msg("đã sửa", "fixed").text(lang)
        new = Msg("mới", "new").text(lang)
        agency = safe_text(row["agency"])
        lines.append(f"  {agency}: {then} → {now} ({fixed} {len(row['fixed'])}, {new} {len(row['new'])})")
        lines += [f"    - {code} {safe_text(message)}" for code, message in row["fixed"]]
        lines += [f"    + {code} {safe_text(message)}" for code, message in row["new"]]
    return "\n".join(lines) + "\n"
