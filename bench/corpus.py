"""How well dvlint reads real documents: the corpus against its hand labels.

    python bench/corpus.py                       # ../shared/corpus against bench/corpus-expected.yaml
    python bench/corpus.py --details             # and every field read wrong, file by file
    python bench/corpus.py --only web-crawled/   # files whose path contains this
    python bench/corpus.py --json out.json       # what was read, per file, for a later comparison

For every file of the corpus: did it load (or was it refused, and why), and
for a file labelled an administrative document, was each header and foot field
read as a person reads it on the page (bench/labels/README.md). Printed by
format and by folder: files, documents, loaded, wrongly refused, wrongly
accepted, the seven headline fields (issuer, number, date, type, summary,
signer, recipients) read right, the other fields, time per file; then
findings per document by code and severity.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402  (PyYAML: the labels are plain data, read apart from dvlint's own loader)

from dvlint.app.runner import Checker  # noqa: E402
from dvlint.knowledge.data import fold  # noqa: E402
from dvlint.i18n import Msg  # noqa: E402
from dvlint.source.errors import LoadError  # noqa: E402

HEADLINE = ("issuer", "number", "date", "kind", "title", "signer", "recipients")
OTHER = ("parent", "place", "addressees", "authority", "signer_title")


def _text(value) -> str:
    """A field as compared: NFC, markup and spaces folded, case and tone placement folded."""
    text = unicodedata.normalize("NFC", str(value))
    text = re.sub(r"[*_`#]+", " ", text)
    text = text.replace("–", "-").replace("—", "-")
    return fold(text).strip(" .;,:")


def _number(value) -> str:
    text = re.sub(r"^\s*s[ốoô]\s*:?", "", unicodedata.normalize("NFC", str(value)), flags=re.IGNORECASE)
    return re.sub(r"\s+", "", _text(text))


def _date(report) -> str | None:
    parsed = report.document.parsed_date
    if parsed is None:
        return None
    year = f"{parsed.year:04d}" if parsed.year else "????"
    month = f"{parsed.month:02d}" if parsed.month else "??"
    day = f"{parsed.day:02d}" if parsed.day else "??"
    return f"{year}-{month}-{day}"


def read_fields(report) -> dict:
    """The labelled fields as dvlint read them."""
    document, signature, recipients = report.document, report.signature, report.recipients
    issuer = document.issuer
    authority = None
    if signature and signature.authority:
        authority = signature.authority + (f" / {signature.second_authority}" if signature.second_authority else "")
    return {
        "kind": document.kind,
        "number": document.number,
        "date": _date(report),
        "place": document.place,
        "parent": issuer.parent if issuer else None,
        "issuer": issuer.name if issuer else None,
        "title": document.title,
        "addressees": list(document.addressees),
        "signer": signature.name if signature else None,
        "authority": authority,
        "signer_title": signature.title if signature else None,
        "recipients": len(recipients.lines) if recipients else None,
    }


def field_right(name: str, expected, read) -> bool:
    if name == "addressees":
        return [_text(a) for a in expected or []] == [_text(a).lstrip("-+• ") for a in read or []]
    if expected is None or read is None:
        return expected is None and read in (None, "")
    if name == "recipients":
        return int(expected) == int(read)
    if name == "date":
        return str(expected) == str(read)
    if name == "number":
        return _number(expected) == _number(read)
    if name == "kind":
        return _text(expected) == _text(read)
    return _text(expected) == _text(read)


def kind_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".") or "none"


def measure(corpus: Path, labels: dict, only: str | None):
    checker = Checker({"lang": "en"}, None)
    rows = []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        rel = str(path.relative_to(corpus))
        if only and only not in rel:
            continue
        label = labels.get(rel, {"what": "unlabelled"})
        row = {"file": rel, "format": kind_of(path), "folder": rel.split("/")[0] if "/" in rel else ".",
               "what": label.get("what"), "text": label.get("text"), "loaded": False, "error": None,
               "fields": {}, "findings": [], "seconds": 0.0}
        loader = checker.loader_for(path)
        start = time.perf_counter()
        try:
            if loader is None:
                raise LoadError("unsupported", Msg("", ""))
            engine = checker.engine_for(path)
            loaded = loader.load(path, engine.settings)
            read = read_fields(loaded.report)
            result = engine.check(loaded)
            row["loaded"] = True
            row["findings"] = [(f.code, f.severity) for f in result.findings]
            if label.get("what") == "document":
                row["fields"] = {name: {"expected": label.get(name), "read": read[name],
                                        "right": field_right(name, label.get(name), read[name])}
                                 for name in HEADLINE + OTHER}
        except LoadError as exc:
            row["error"] = exc.kind
            row["reason"] = exc.message.en
        row["seconds"] = time.perf_counter() - start
        rows.append(row)
    return rows


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def summary(rows, key) -> list[str]:
    groups = collections.defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    groups["all"] = rows
    head = (f"{key:<12} {'files':>5} {'docs':>5} {'loaded':>7} {'refused':>8} {'accepted':>9} "
            f"{'headline':>16} {'other':>16} {'ms/file':>8}")
    out = [head, "-" * len(head)]
    for name in sorted(groups, key=lambda n: (n == "all", n)):
        group = groups[name]
        docs = [r for r in group if r["what"] == "document"]
        loaded_docs = sum(r["loaded"] for r in docs)
        refused = len(docs) - loaded_docs
        accepted = sum(r["loaded"] for r in group if r["what"] != "document")
        head_right = sum(f["right"] for r in docs for n, f in r["fields"].items() if n in HEADLINE)
        head_all = len(docs) * len(HEADLINE)
        other_right = sum(f["right"] for r in docs for n, f in r["fields"].items() if n in OTHER)
        other_all = len(docs) * len(OTHER)
        ms = 1000 * sum(r["seconds"] for r in group) / len(group)
        out.append(f"{name:<12} {len(group):>5} {len(docs):>5} {loaded_docs:>7} {refused:>8} {accepted:>9} "
                   f"{head_right:>5}/{head_all:<4}{_pct(head_right, head_all)} "
                   f"{other_right:>5}/{other_all:<4}{_pct(other_right, other_all)} {ms:>8.1f}")
    return out


def by_field(rows) -> list[str]:
    docs = [r for r in rows if r["what"] == "document"]
    out = [f"{'field':<13} {'right':>7} {'of':>5}"]
    for name in HEADLINE + OTHER:
        right = sum(r["fields"].get(name, {}).get("right", False) for r in docs)
        out.append(f"{name:<13} {right:>7} {len(docs):>5} {_pct(right, len(docs))}")
    return out


def refusals(rows) -> list[str]:
    out = []
    for row in rows:
        if row["what"] == "document" and not row["loaded"]:
            out.append(f"  refused  {row['file']}: {row['error']} {row.get('reason', '')}")
        elif row["what"] != "document" and row["loaded"]:
            out.append(f"  accepted {row['file']}: labelled {row['what']}")
    return out


def non_documents(rows) -> list[str]:
    """The files labelled other than a document, with the reason dvlint gives for each."""
    return [f"  {row['what']:<8} {row['file']}: {row.get('reason') or ('LOADED' if row['loaded'] else row['error'])}"
            for row in rows if row["what"] != "document"]


def findings_table(rows) -> list[str]:
    loaded = [r for r in rows if r["loaded"] and r["what"] == "document"]
    counts = collections.Counter(code for r in loaded for code in r["findings"])
    by_severity = collections.Counter(severity for r in loaded for _, severity in r["findings"])
    n = len(loaded) or 1
    out = [f"findings on {len(loaded)} loaded documents: "
           + ", ".join(f"{by_severity[s]} {s} ({by_severity[s] / n:.2f}/doc)" for s in ("error", "warning", "info"))]
    for (code, severity), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        out.append(f"  {code} {severity:<8} {count:>5}  {count / n:.2f}/doc")
    return out


def details(rows) -> list[str]:
    out = []
    for row in rows:
        wrong = {n: f for n, f in row["fields"].items() if not f["right"]}
        if wrong:
            out.append(row["file"])
            for name, f in wrong.items():
                out.append(f"    {name:<13} expected {f['expected']!r}\n    {'':<13} read     {f['read']!r}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--labels", type=Path, default=ROOT / "bench" / "corpus-expected.yaml")
    parser.add_argument("--only", help="only files whose path contains this")
    parser.add_argument("--details", action="store_true", help="list every field read wrong")
    parser.add_argument("--json", type=Path, help="write what was read, per file")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    labels = yaml.safe_load(args.labels.read_text(encoding="utf-8"))
    start = time.perf_counter()
    rows = measure(args.corpus, labels, args.only)
    elapsed = time.perf_counter() - start
    print(f"dvlint on {args.corpus} against {args.labels.name}, {dt.date.today()}: {len(rows)} files in {elapsed:.1f} s")
    print()
    print("\n".join(summary(rows, "format")))
    print()
    print("\n".join(summary(rows, "folder")))
    print()
    print("\n".join(by_field(rows)))
    print()
    wrong = refusals(rows)
    print(f"wrongly refused or accepted: {len(wrong)}")
    print("\n".join(wrong))
    print()
    print("files labelled other than a document, and what dvlint says of each:")
    print("\n".join(non_documents(rows)))
    print()
    print("\n".join(findings_table(rows)))
    if args.details:
        print()
        print("\n".join(details(rows)))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
