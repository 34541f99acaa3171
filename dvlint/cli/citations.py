"""dvlint citations: the documents a report cites, with dates and issuers."""

from __future__ import annotations

import json
from pathlib import Path

from dvlint.cli.common import EXIT_OK, EXIT_USAGE, legacy_help, load_one
from dvlint.i18n import LANGUAGES, Msg, language_from_env


def add_parser(sub, common, h) -> None:
    cites = sub.add_parser("citations", help=h("liệt kê các văn bản được dẫn", "list the documents a report cites"))
    cites.add_argument("file", type=Path, metavar="FILE")
    cites.add_argument("--format", choices=("text", "json"), default="text")
    cites.add_argument("--lang", choices=LANGUAGES)
    cites.add_argument("--convert-legacy", action="store_true", help=legacy_help(h))
    cites.set_defaults(run=run)


def run(args) -> int:
    """The documents a report cites: type, symbol, date, issuer, where, how often."""
    lang = args.lang or language_from_env() or "vi"
    loaded = load_one(args.file, lang, convert_legacy=args.convert_legacy)
    if loaded is None:
        return EXIT_USAGE
    rows = citation_rows(loaded)
    if args.format == "json":
        print(json.dumps({"path": str(args.file), "citations": rows}, ensure_ascii=False, indent=2))
    else:
        head = Msg("loại | số, ký hiệu | ngày | cơ quan ban hành | số lần | dẫn tại (dòng)",
                   "type | number and symbol | date | issuer | times | cited at (line)").text(lang)
        print(head)
        for row in rows:
            lines = ", ".join(str(w["line"]) for w in row["cited_at"])
            print(f"{row['type']} | {row['symbol']} | {row['date'] or '-'} | {row['issuer'] or '-'} | {row['count']} | {lines}")
    return EXIT_OK


def citation_rows(loaded) -> list[dict]:
    """One row per cited document (grouped by its normalized key), in order of first citation."""
    groups: dict = {}
    for path, cite in loaded.report.citations:
        row = groups.setdefault(cite.key, {
            "type": cite.type_word, "symbol": cite.symbol, "date": None, "issuer": None, "count": 0, "cited_at": [],
            "symbols": [], "dates": []})
        line, column = loaded.locate(path, cite.symbol)
        row["count"] += 1
        row["cited_at"].append({"field": path, "line": line, "column": column})
        if cite.symbol not in row["symbols"]:
            row["symbols"].append(cite.symbol)
        day = cite.date.to_date() if cite.date else None
        if day and day.isoformat() not in row["dates"]:
            row["dates"].append(day.isoformat())
        row["date"] = row["date"] or (day.strftime("%d/%m/%Y") if day else None)
        row["issuer"] = row["issuer"] or cite.issuer
    return list(groups.values())
