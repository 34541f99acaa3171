"""How often dvlint is right: its findings on the real corpus against a ledger of reviewed verdicts.

    python bench/precision.py                     # the table: per rule, per severity, overall
    python bench/precision.py --unreviewed        # and every finding that has no verdict yet
    python bench/precision.py --held-out          # the held-out documents only (bench/ledger/held-out.yaml)
    python bench/precision.py --skeletons         # write ledger entries (verdict: null) for the unreviewed

The ledger (bench/ledger/<corpus path>.yaml, one file per document) holds, for
every finding dvlint gives on the document, its fingerprint (rule code, field
without list indexes, the field's text: never the line, which moves when the
reading changes) and a verdict a careful clerk who knows Nghị định 30/2020
gives: true (a real defect), false, or debatable, with one line of reason.
Precision = true / (true + false), per rule and for errors, warnings and infos
apart. A finding whose fingerprint is in no ledger entry is unreviewed.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402  (PyYAML: the ledger is plain data)

from dvlint.app.runner import Checker  # noqa: E402
from dvlint.source.errors import LoadError  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
LEDGER = ROOT / "bench" / "ledger"
VERDICTS = ("true", "false", "debatable")
_INDEX = re.compile(r"\[\d+\]")


def fingerprint(code: str, field: str | None, texts: dict) -> tuple[str, str, str]:
    """(code, field without indexes, the field's text, spaces folded, at most 160 characters)."""
    text = " ".join((texts.get(field) or "").split())[:160] if field else ""
    return code, _INDEX.sub("[]", field or ""), text


def _field_texts(report) -> dict:
    texts = dict(report.texts())
    document = report.document
    if document.kind:
        texts.setdefault(document.field_path("kind"), document.kind)
    if document.issuer:
        for name in ("name", "parent"):
            value = getattr(document.issuer, name)
            if value:
                texts.setdefault(document.issuer.field_path(name), value)
    if report.recipients and report.recipients.heading:
        texts.setdefault(report.recipients.field_path("heading"), report.recipients.heading)
    for section in report.all_sections():
        if section.label:
            texts.setdefault(section.field_path("label"), f"{section.label} {section.heading or ''}".strip())
    return texts


def findings(documents: list[str]) -> list[dict]:
    """Every finding on each of ``documents`` (corpus-relative paths), with its fingerprint."""
    checker = Checker({"lang": "vi"}, None)
    out = []
    for rel in documents:
        path = CORPUS / rel
        loader = checker.loader_for(path)
        if loader is None:
            continue
        engine = checker.engine_for(path)
        try:
            loaded = loader.load(path, engine.settings)
        except LoadError:
            continue
        texts = _field_texts(loaded.report)
        result = engine.check(loaded)
        for f in result.findings:
            code, field, text = fingerprint(f.code, f.field, texts)
            out.append({"document": rel, "code": code, "field": field, "text": text, "severity": f.severity,
                        "message": f.message.vi, "line": f.line, "ocr": result.text_source == "ocr"})
    return out


def ledger_file(rel: str) -> Path:
    return LEDGER / f"{rel}.yaml"


def load_ledger(rel: str) -> dict[tuple, dict]:
    path = ledger_file(rel)
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {(e["code"], e.get("field") or "", e.get("text") or ""): e for e in data.get("findings", [])}


def held_out() -> list[str]:
    path = LEDGER / "held-out.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["documents"] if path.is_file() else []


def corpus_documents() -> list[str]:
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file())


def tally(found: list[dict]) -> tuple[dict, list[dict]]:
    by_rule: dict = collections.defaultdict(collections.Counter)
    unreviewed = []
    ledgers: dict = {}
    for f in found:
        entries = ledgers.setdefault(f["document"], load_ledger(f["document"]))
        entry = entries.get((f["code"], f["field"], f["text"]))
        verdict = str(entry["verdict"]).lower() if entry and entry.get("verdict") is not None else None
        if verdict not in VERDICTS:
            verdict = "unreviewed"
            unreviewed.append(f)
        by_rule[(f["severity"], f["code"])][verdict] += 1
    return by_rule, unreviewed


def _precision(counter) -> str:
    decided = counter["true"] + counter["false"]
    return f"{100 * counter['true'] / decided:5.1f}%" if decided else "    -"


def table(by_rule: dict) -> list[str]:
    head = f"{'rule':<7} {'severity':<8} {'true':>5} {'false':>5} {'debat.':>6} {'unrev.':>6} {'precision':>9}"
    out = [head, "-" * len(head)]
    totals: dict = collections.defaultdict(collections.Counter)
    for (severity, code), counter in sorted(by_rule.items(), key=lambda item: item[0][1]):
        totals[severity].update(counter)
        out.append(f"{code:<7} {severity:<8} {counter['true']:>5} {counter['false']:>5} {counter['debatable']:>6} "
                   f"{counter['unreviewed']:>6} {_precision(counter):>9}")
    out.append("-" * len(head))
    for severity in ("error", "warning", "info"):
        c = totals[severity]
        out.append(f"{'all':<7} {severity:<8} {c['true']:>5} {c['false']:>5} {c['debatable']:>6} {c['unreviewed']:>6} "
                   f"{_precision(c):>9}")
    both = totals["error"] + totals["warning"]
    out.append(f"{'all':<7} {'err+warn':<8} {both['true']:>5} {both['false']:>5} {both['debatable']:>6} "
               f"{both['unreviewed']:>6} {_precision(both):>9}")
    return out


def write_skeletons(unreviewed: list[dict]) -> int:
    by_document = collections.defaultdict(list)
    for f in unreviewed:
        by_document[f["document"]].append(f)
    for rel, items in by_document.items():
        path = ledger_file(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
        data = data or {"document": rel, "findings": []}
        known = {(e["code"], e.get("field") or "", e.get("text") or "") for e in data["findings"]}
        for f in items:
            key = (f["code"], f["field"], f["text"])
            if key in known:
                continue
            known.add(key)
            data["findings"].append({"code": f["code"], "field": f["field"], "text": f["text"],
                                     "severity": f["severity"], "message": f["message"],
                                     "verdict": None, "reason": None})
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return len(by_document)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held-out", action="store_true", help="only the held-out documents")
    parser.add_argument("--all", action="store_true", help="every document, the held-out ones too")
    parser.add_argument("--unreviewed", action="store_true", help="list the findings with no verdict")
    parser.add_argument("--skeletons", action="store_true", help="write ledger entries for the unreviewed")
    parser.add_argument("--only", help="documents whose path contains this")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    hidden = set(held_out())
    documents = [d for d in corpus_documents()
                 if (d in hidden if args.held_out else args.all or d not in hidden) and (not args.only or args.only in d)]
    found = findings(documents)
    by_rule, unreviewed = tally(found)
    reviewed_documents = sum(ledger_file(d).is_file() for d in documents)
    print(f"{len(found)} findings on {len(documents)} documents ({reviewed_documents} with a ledger)"
          + (" [held-out]" if args.held_out else ""))
    print("\n".join(table(by_rule)))
    if args.unreviewed:
        for f in unreviewed:
            print(f"  unreviewed {f['document']}:{f['line']} {f['code']} [{f['severity']}] {f['field']} "
                  f"{f['text'][:60]!r}: {f['message'][:100]}")
    if args.skeletons:
        print(f"ledger entries written for {write_skeletons(unreviewed)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
