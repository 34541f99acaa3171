"""Collecting rules the way pytest collects tests, and selecting among them.

A rules folder holds Python modules; every module whose name does not start
with ``_`` is imported, and every function in it marked with
:func:`dvlint.rule` is a rule. A module may also implement hooks (like a
pytest ``conftest.py``): it is then registered as a plugin.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from dvlint.source.errors import UsageError
from dvlint.i18n import Msg
from dvlint.engine.rule import RuleSpec


def rules_from_module(module: ModuleType) -> list[RuleSpec]:
    """The rules defined in ``module``, in the order they are written."""
    found = []
    for value in vars(module).values():
        spec = getattr(value, "__dvlint_rule__", None)
        if isinstance(spec, RuleSpec) and getattr(value, "__module__", None) == module.__name__:
            found.append(spec)
    return found


def rule_module_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.py") if not p.name.startswith("_"))


def import_rule_file(path: Path) -> ModuleType:
    """Import a rule module from a file, under a name unique to its path."""
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    name = f"dvlint_local_rules_{digest}_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a broken local rule file is the user's to fix
        del sys.modules[name]
        raise UsageError(Msg(
            f"{path}: không nạp được mô-đun quy tắc: {type(exc).__name__}: {exc}",
            f"{path}: cannot import the rule module: {type(exc).__name__}: {exc}",
        )) from None
    for spec_ in rules_from_module(module):
        object.__setattr__(spec_, "origin", str(path))
    return module


def rules_from_directory(directory: Path) -> tuple[list[RuleSpec], list[ModuleType]]:
    """Rules in a folder, and the modules (to register those with hooks)."""
    if not directory.is_dir():
        raise UsageError(Msg(f"{directory}: không có thư mục quy tắc này", f"{directory}: no such rules folder"))
    modules = [import_rule_file(p) for p in rule_module_files(directory)]
    rules = [spec for module in modules for spec in rules_from_module(module)]
    return rules, modules


# --- selection -------------------------------------------------------------


def select_rules(rules: list[RuleSpec], select, ignore, keyword: str | None) -> list[RuleSpec]:
    """Apply ``--select``/``--ignore`` (code prefixes) and ``-k`` (names).

    A rule is kept when it matches a selected prefix (all rules when none is
    given), matches no ignored prefix unless a *longer* selected prefix names
    it (``--select DV401 --ignore DV4`` keeps DV401, as ruff does), and
    satisfies the keyword expression. A rule that is ``opt_in`` runs only when
    a selected prefix is its whole code: it asks more than the regulation, so
    neither the default nor a family (``DV7``) turns it on.
    """
    matcher = compile_keyword(keyword) if keyword else None
    kept = []
    for spec in rules:
        if spec.opt_in and not any(p.strip().upper() == spec.code for p in select or ()):
            continue
        chosen = _longest_match(spec.code, select) if select else 0
        if select and chosen < 0:
            continue
        if _longest_match(spec.code, ignore) > chosen:
            continue
        if matcher and not matcher(spec):
            continue
        kept.append(spec)
    return kept


def names_no_rule(prefix: str, codes) -> bool:
    """Whether a code or prefix (``DV4``, ``DV401``) names none of ``codes``."""
    prefix = prefix.strip().upper()
    return not any(code.startswith(prefix) for code in codes)


def nearest_code(prefix: str, codes) -> str | None:
    """The rule code (or the family prefix) a mistyped one most likely meant."""
    from dvlint.source.validation import did_you_mean

    prefix = prefix.strip().upper()
    candidates = sorted(set(codes) | {code[:len(prefix)] for code in codes if len(prefix) < len(code)})
    return did_you_mean(prefix, candidates)


def _longest_match(code: str, prefixes) -> int:
    best = -1
    for prefix in prefixes or ():
        if code.startswith(prefix.strip().upper()) and len(prefix) > best:
            best = len(prefix)
    return best


_TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")


def _keywords(spec: RuleSpec) -> str:
    module = re.split(r"[./\\]", spec.origin.removesuffix(".py"))[-1]
    distribution = " ".join({spec.distribution, re.sub(r"[-_.]+", "-", spec.distribution),
                             re.sub(r"[-_.]+", "_", spec.distribution)}) if spec.distribution else ""
    return f"{spec.name} {spec.code} {module} {spec.plugin} {distribution}".lower()


def compile_keyword(expression: str):
    """A predicate from a pytest-style ``-k`` expression over rule names.

    Words match as case-insensitive substrings of the rule's name, its code,
    the name of the module it is written in (``-k signature`` selects the
    rules of signature.py), and for an installed plugin's rule the plugin's
    name and distribution (``-k dvlint-lamdong``); ``and``, ``or``, ``not`` and
    parentheses combine them.
    """
    tokens = [t for t in _TOKEN.findall(expression) if t]
    pos = 0

    def fail():
        raise UsageError(Msg(f"biểu thức -k không hợp lệ: {expression!r}", f"invalid -k expression: {expression!r}"))

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def parse_or():
        left = parse_and()
        while peek() == "or":
            take()
            right = parse_and()
            left = (lambda a, b: lambda s: a(s) or b(s))(left, right)
        return left

    def parse_and():
        left = parse_not()
        while peek() == "and":
            take()
            right = parse_not()
            left = (lambda a, b: lambda s: a(s) and b(s))(left, right)
        return left

    def parse_not():
        if peek() == "not":
            take()
            inner = parse_not()
            return lambda s: not inner(s)
        return parse_atom()

    def parse_atom():
        token = peek()
        if token is None or token in (")", "and", "or"):
            fail()
        take()
        if token == "(":
            inner = parse_or()
            if peek() != ")":
                fail()
            take()
            return inner
        word = token.lower()
        return lambda s: word in _keywords(s)

    predicate = parse_or()
    if pos != len(tokens):
        fail()
    return predicate
