"""dvlint's own plugin: the built-in rules, fixtures, loader and formats.

It uses the same hooks as any third-party pack (see dvlint.engine.hookspecs).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from dvlint.knowledge import formats
from dvlint.engine.collect import rule_module_files, rules_from_module
from dvlint.engine.hooks import hookimpl

BUILTIN_RULES_PACKAGE = "dvlint.rules"


def builtin_rules_dir() -> Path:
    """The built-in rules' folder (the package's, as importlib.resources.files gives it, without importing that)."""
    return Path(importlib.import_module(BUILTIN_RULES_PACKAGE).__path__[0])


@hookimpl
def dvlint_collect_rules(config):
    rules = []
    for file in rule_module_files(builtin_rules_dir()):
        module = importlib.import_module(f"{BUILTIN_RULES_PACKAGE}.{file.stem}")
        rules.extend(rules_from_module(module))
    return rules


def _layout(ctx):
    """A .docx's look; other inputs have none, and the rules asking for it (DV8xx) do not run."""
    look = ctx.loaded.layout
    if isinstance(look, Exception):
        raise look  # reading the look failed: DV000 on each presentation rule, the text is still checked
    return _skip_if_none(look)


def _presentation_values(ctx):
    from dvlint.knowledge.presentation import values_for

    return _skip_if_none(values_for(ctx.loaded.report))  # none for a text with a form of its own (phiếu trình)


def _paragraph_field(ctx):
    """paragraph number -> the path of the first value read from it (to locate a finding), or None."""
    from dvlint.source.positions import format_path

    first: dict[int, str] = {}
    for path, span in ctx.loaded.positions.values.items():
        if path and span.line not in first:
            first[span.line] = format_path(path)
    return first.get


def _template_sections(ctx):
    from dvlint.knowledge.templates import locate_sections

    if ctx.template is None:
        return _skip_if_none(None)
    return locate_sections(ctx.loaded.report, ctx.template)


def _skip_if_none(value):
    from dvlint.engine.core import SKIP

    return SKIP if value is None else value


def _as_of(ctx):
    from dvlint.engine.core import as_of_for

    return as_of_for(ctx.settings, ctx.loaded.report, ctx.today)


@hookimpl
def dvlint_fixtures():
    """The built-in fixtures a rule may name as parameters.

    report, document, sections (top-level list), signature and recipients
    (absent part: rules asking for it do not run), indicators (dict),
    appendices, footnotes, template (no template: rules asking for it do not
    run), layout (a .docx's look; other inputs: rules asking for it do not run),
    presentation_values (the presentation values for the document's format and date; none for a
    document outside the decree's form), paragraphs_of (field -> the paragraph numbers it was read
    from), paragraph_field (paragraph number -> a field read from it), template_sections (for each of the template's sections, where it is
    in the report: (position, section) or (None, None)), as_of (the date rules judge by: --as-of, else the issue date, or
    for a draft the last day of the month or year it gives, else today), today, config (the settings in force), doc_format ("state" or
    "party"), format_evidence (where each witness points) and converted_from
    (the legacy encoding a file was converted from with --convert-legacy;
    rules asking for it run only then) and denormalized (field path -> text as
    written, for values not in NFC: the report itself holds them in NFC).
    """
    return {
        "report": lambda ctx: ctx.loaded.report,
        "document": lambda ctx: ctx.loaded.report.document,
        "sections": lambda ctx: ctx.loaded.report.sections,
        "signature": lambda ctx: _skip_if_none(ctx.loaded.report.signature),
        "recipients": lambda ctx: _skip_if_none(ctx.loaded.report.recipients),
        "indicators": lambda ctx: ctx.loaded.report.indicators,
        "appendices": lambda ctx: ctx.loaded.report.appendices,
        "footnotes": lambda ctx: ctx.loaded.report.footnotes,
        "template": lambda ctx: _skip_if_none(ctx.template),
        "template_sections": _template_sections,
        "layout": _layout,
        "presentation_values": _presentation_values,
        "paragraphs_of": lambda ctx: ctx.loaded.paragraphs_of,  # field path -> its paragraph numbers, first to last
        "paragraph_field": _paragraph_field,
        "as_of": _as_of,
        "today": lambda ctx: ctx.today,
        "config": lambda ctx: ctx.settings,
        "format_evidence": lambda ctx: formats.evidence(ctx.loaded.report),
        "doc_format": lambda ctx: formats.evidence(ctx.loaded.report).format,
        "converted_from": lambda ctx: _skip_if_none(ctx.loaded.converted_from),
        "denormalized": lambda ctx: ctx.loaded.denormalized,
    }


@hookimpl
def dvlint_loaders():
    from dvlint.read.loaders import DOC_LOADER, DOCX_LOADER, IMAGE_LOADER, PDF_LOADER, TEXT_LOADER, YAML_LOADER

    return [YAML_LOADER, TEXT_LOADER, DOCX_LOADER, PDF_LOADER, DOC_LOADER, IMAGE_LOADER]


@hookimpl
def dvlint_template_paths(config):
    return [builtin_rules_dir() / "templates", *config.template_dirs]


@hookimpl
def dvlint_formatters():
    from dvlint.output import ci_formats, json_format, text_format

    return {"text": text_format.render, "json": json_format.render, "sarif": ci_formats.sarif,
            "junit": ci_formats.junit, "github": ci_formats.github, "gitlab": ci_formats.gitlab}
