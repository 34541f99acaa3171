"""The result cache: a file checked before, unchanged, under the same rules, is not checked again.

A result is kept under a key made of the file's bytes and of everything that
can change what checking them gives (:meth:`ResultCache.fingerprint`):
dvlint's version and source, Python's version, the versions of the libraries
that read files, the source of every plugin and rule module loaded and of
every local rule folder, the data files and the templates in force, the
effective settings (their canonical JSON: the language, --as-of, selections,
weights...), the baseline's bytes, the day of the check (a date is judged
against it), the file's suffix (it chooses the reader), the version of the
tool that reads it (Tesseract for a PDF or an image, LibreOffice for a .doc)
and, when the configuration makes results depend on where the file is (a
baseline, per-file ignores, rules not dvlint's own), its path.

What is not cached: a file that could not be loaded (its error may be the
machine's: a missing tool, a permission, the time limit), a result in which a
rule crashed (DV000), and a file that changed while it was checked. One load
error is kept: "not-a-document", the verdict on text read whole (a list, a
form, a scan of no document), which depends on nothing but the key's parts; a
re-scored inbox would otherwise read every such scan and .doc again.

Entries are plain JSON (dvlint.source.cachestore); reading one checks its
every field's type, so that an entry that is not what dvlint wrote is a miss,
never a wrong result.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import os
import sys
from pathlib import Path

from dvlint.engine.core import INTERNAL_ERROR_CODE, Finding, ReportResult
from dvlint.engine import scoring
from dvlint.i18n import Msg
from dvlint.source import cachestore
from dvlint.source.cachestore import Store

KIND = "results"
# The libraries whose versions change what a file reads as, or how it validates.
READING_LIBRARIES = ("pydantic", "ruamel.yaml", "python-docx", "pypdfium2", "lxml", "pluggy")
_TREE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".toml", ".txt", ".csv", ".xml"}


class _Bad(Exception):
    """An entry's field is not what dvlint writes."""


class ResultCache:
    """Results of one run's files, read before any file is checked and written as results arrive."""

    def __init__(self, store: Store):
        self.store = store
        self.hits = 0
        self.misses = 0
        self._fingerprints: dict[int, tuple[str, bool]] = {}
        self._trees: dict[Path, str] = {}  # folder -> digest, once per cache (a process's run)
        self._writer = None  # one thread writes the entries: creating and renaming a file costs about a
        # millisecond on a journaling disk, which then overlaps the checking of the next file

    # --- keys ----------------------------------------------------------------------------------------

    def fingerprint(self, engine) -> tuple[str, bool]:
        """(digest of everything but the file that decides a result, whether the file's path does too)."""
        known = self._fingerprints.get(id(engine))
        if known is None:
            known = self._fingerprints[id(engine)] = _fingerprint(engine, self._trees)
        return known

    def key_for(self, path: Path, data: bytes, engine, reader: str) -> str:
        """The key of ``path``'s result: its bytes (``data``) and the engine's fingerprint; ``reader``, the
        name and version of the tool that reads such a file, if any."""
        base, by_path = self.fingerprint(engine)
        where = (str(path), os.path.abspath(path)) if by_path else ("", "")
        return cachestore.digest("result", base, hashlib.sha256(data).hexdigest(), Path(path).suffix.lower(),
                                 reader, *where)

    # --- entries -------------------------------------------------------------------------------------

    def get(self, key: str, path: Path) -> ReportResult | None:
        body = self.store.read(KIND, key)
        if body is None:
            self.misses += 1
            return None
        try:
            result = decode(body, path)
        except Exception:  # noqa: BLE001 - whatever a damaged entry holds, it is a miss
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: ReportResult) -> bool:
        """Keep ``result`` under ``key`` (written by a thread of its own: :meth:`finish` waits for it)."""
        if not cacheable(result):
            return False
        if self._writer is None:
            from concurrent.futures import ThreadPoolExecutor

            self._writer = ThreadPoolExecutor(1, thread_name_prefix="dvlint-cache")
        self._writer.submit(self.store.write, KIND, key, encode(result))
        return True

    def finish(self, checked: bool = True) -> None:
        """Wait for the entries being written, then keep the folder within its size when files were checked
        (readers may have written entries of their own: OCR, .doc) or entries written."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        if checked or self.store.written:
            self.store.prune()


# Load errors that are a verdict on the text read, and nothing else: the same bytes read by the same
# reader under the same settings always give them.
CONTENT_ERRORS = frozenset({"not-a-document"})


def cacheable(result: ReportResult) -> bool:
    """A report checked to the end, or found to be no document: any other load error may be the machine's,
    a crashed rule a passing fault."""
    if result.error is not None:
        return result.error.kind in CONTENT_ERRORS
    return not any(f.code == INTERNAL_ERROR_CODE for f in result.findings)


# --- the fingerprint ------------------------------------------------------------------------------------


def _fingerprint(engine, trees: dict) -> tuple[str, bool]:
    import dvlint
    from dvlint.plugins.builtin import builtin_rules_dir

    def tree(folder: Path) -> str:
        if folder not in trees:
            trees[folder] = _tree_digest(folder)
        return trees[folder]

    settings = engine.settings
    own = [Path(dvlint.__file__).resolve().parent, builtin_rules_dir().resolve()]
    parts = ["dvlint", dvlint.__version__, sys.version, sys.implementation.cache_tag, _library_versions()]
    parts += [tree(folder) for folder in own]
    foreign = False
    code_files = set()
    for _, plugin in engine.pm.list_name_plugin():
        code_files.add(_source_of(plugin))
    for spec in engine.all_rules:
        code_files.add(_source_of(spec.func))
    for file in sorted(f for f in code_files if f is not None):
        if any(folder == file or folder in file.parents for folder in own):
            continue
        foreign = True
        parts += ["code", str(file), tree(_package_root(file))]
    for folder in settings.rule_dirs:
        foreign = True
        parts += ["rules", str(folder), tree(Path(folder))]
    template_paths = [Path(p) for found in engine.pm.hook.dvlint_template_paths(config=settings) for p in (found or ())]
    for folder in template_paths:
        parts += ["templates", str(folder), tree(folder)]
    if settings.template and Path(settings.template).is_file():
        parts += ["template", _file_digest(Path(settings.template))]
    if settings.baseline is not None:
        parts += ["baseline", _file_digest(settings.baseline)]
    in_force = settings.model_dump(mode="json", exclude={"cache_size"})  # the cache's own size changes no result
    parts += ["settings", json.dumps(in_force, sort_keys=True, ensure_ascii=False)]
    parts += ["today", engine.today.isoformat()]
    by_path = bool(settings.baseline or settings.per_file or foreign)
    return cachestore.digest(*parts), by_path


def _source_of(obj) -> Path | None:
    module = inspect.getmodule(obj)
    file = getattr(module, "__file__", None)
    return Path(file).resolve() if file else None


def _package_root(file: Path) -> Path:
    """The top folder of the package ``file`` belongs to (a pack's helpers change its rules too), or the file."""
    folder = file.parent
    if not (folder / "__init__.py").is_file():
        return file
    while (folder.parent / "__init__.py").is_file():
        folder = folder.parent
    return folder


@functools.cache
def _library_versions() -> str:
    from importlib import metadata

    found = []
    for name in READING_LIBRARIES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ";".join(found)


def _tree_digest(root: Path) -> str:
    """The digest of every source and data file under ``root`` (or of ``root``, a file), names and bytes."""
    h = hashlib.sha256()
    if root.is_file():
        return _file_digest(root)
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(names):
            if Path(name).suffix.lower() not in _TREE_SUFFIXES or name.startswith("."):
                continue
            path = Path(folder) / name
            try:
                data = path.read_bytes()
            except OSError:
                data = b"\0unreadable"
            h.update(cachestore.digest(str(path.relative_to(root)), data).encode())
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


# --- a result as plain data, and back -----------------------------------------------------------------


def encode(result: ReportResult) -> dict:
    score = result.score
    return {
        "findings": [[f.code, f.name, f.severity, f.message.vi, f.message.en, f.line, f.column, f.field, f.weight,
                      f.fix, f.draft] for f in result.findings],
        "template": result.template,
        "template_reason": [result.template_reason.vi, result.template_reason.en] if result.template_reason else None,
        "score": None if score is None else {
            "value": score.value,
            "grade": score.grade.model_dump(mode="json") if score.grade is not None else None,
            "deductions": [[d.code, d.name, d.count, d.points, d.uncapped] for d in score.deductions],
            "partial": score.partial,
            "grade_caps": [cap.model_dump(mode="json") for cap in score.grade_caps],
            "subscores": [[s.family.model_dump(mode="json"), s.value] for s in score.subscores],
        },
        "source_lines": [[line, text] for line, text in result.source_lines.items()],
        "unit": result.unit,
        "suppressed": result.suppressed,
        "suppressions_ignored": result.suppressions_ignored,
        "identity": result.identity,
        "text_source": result.text_source,
        "pages": [[line, *where] for line, where in result.pages.items()],
        "cells": [[line, *where] for line, where in result.cells.items()],
        "error": None if result.error is None else _encode_error(result.error),
    }


def _encode_error(error) -> list:
    return [error.kind, error.message.vi, error.message.en, error.line if error.positioned else None,
            error.column if error.positioned else None]


def _decode_error(value):
    from dvlint.source.errors import LoadError

    kind, vi, en, line, column = _list(value, 5)
    if _str(kind) not in CONTENT_ERRORS:
        raise _Bad("error")
    return LoadError(kind, Msg(_str(vi), _str(en)), _opt(line, _int), _opt(column, _int))


def decode(body: dict, path: Path) -> ReportResult:
    """The result an entry holds; raises on any field that is not of the shape :func:`encode` writes."""
    from dvlint.knowledge.data import FamilyCap, GradeBand, GradeCap

    findings = []
    for item in _list(body["findings"]):
        code, name, severity, vi, en, line, column, field, weight, fix, draft = _list(item, 11)
        findings.append(Finding(_str(code), _str(name), _str(severity), Msg(_str(vi), _str(en)), _int(line),
                                _int(column), _opt(field, _str), _num(weight), _opt(fix, _str), _bool(draft)))
    reason = body["template_reason"]
    score = body["score"]
    if score is not None:
        _dict(score)
        score = scoring.Score(
            _num(score["value"]),
            GradeBand.model_validate(_dict(score["grade"])) if score["grade"] is not None else None,
            tuple(scoring.Deduction(_str(c), _str(n), _int(k), _num(p), _num(u))
                  for c, n, k, p, u in (_list(d, 5) for d in _list(score["deductions"]))),
            _bool(score["partial"]),
            tuple(GradeCap.model_validate(_dict(cap)) for cap in _list(score["grade_caps"])),
            tuple(scoring.SubScore(FamilyCap.model_validate(_dict(f)), _opt(v, _num))
                  for f, v in (_list(s, 2) for s in _list(score["subscores"]))),
        )
    identity = _dict(body["identity"])
    for key, value in identity.items():
        if not isinstance(key, str) or not (value is None or isinstance(value, str)):
            raise _Bad("identity")
    result = ReportResult(
        path,
        findings=findings,
        template=_opt(body["template"], _str),
        template_reason=Msg(*(_str(t) for t in _list(reason, 2))) if reason is not None else None,
        score=score,
        source_lines={_int(line): _str(text) for line, text in (_list(x, 2) for x in _list(body["source_lines"]))},
        unit=_str(body["unit"]),
        suppressed=_int(body["suppressed"]),
        suppressions_ignored=_int(body["suppressions_ignored"]),
        identity=identity,
        text_source=_str(body["text_source"]),
        pages={_int(x[0]): (_int(x[1]), _int(x[2])) for x in (_list(x, 3) for x in _list(body["pages"]))},
        cells={_int(x[0]): (_int(x[1]), _int(x[2]), _int(x[3])) for x in (_list(x, 4) for x in _list(body["cells"]))},
        error=_opt(body.get("error"), _decode_error),
    )
    return result


def _list(value, length: int | None = None) -> list:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise _Bad("list")
    return value


def _dict(value) -> dict:
    if not isinstance(value, dict):
        raise _Bad("dict")
    return value


def _str(value) -> str:
    if not isinstance(value, str):
        raise _Bad("str")
    return value


def _int(value) -> int:
    if type(value) is not int:
        raise _Bad("int")
    return value


def _num(value):
    if type(value) not in (int, float):
        raise _Bad("number")
    return value


def _bool(value) -> bool:
    if type(value) is not bool:
        raise _Bad("bool")
    return value


def _opt(value, check):
    return None if value is None else check(value)
