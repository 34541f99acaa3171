"""Every hook a dvlint plugin can implement, in one place.

dvlint's own loaders, fixtures, rules and output formats are registered
through these same hooks (see :mod:`dvlint.plugins.builtin`); a third-party pack does
exactly what the built-in plugin does. A pack is found through the ``dvlint``
entry-point group::

    [project.entry-points.dvlint]
    mypack = "mypack.plugin"

and a module in a ``--rules`` folder (or the ``rules`` setting) may implement
them too, like a pytest ``conftest.py``. Mark implementations with
``dvlint.hookimpl``. Unless said otherwise, every implementation is called and
the results are gathered in a list.
"""

from __future__ import annotations

from dvlint.engine.hooks import hookspec


@hookspec
def dvlint_collect_rules(config):
    """Return the rules this plugin provides, as a list of ``RuleSpec``.

    Called once per configuration, before any report is checked. ``config`` is
    the :class:`dvlint.engine.config.Settings` in force. Most plugins return
    ``dvlint.engine.collect.rules_from_module(module)`` or
    ``dvlint.engine.collect.rules_from_directory(path)``. Two rules with the same code
    are a collection error that names both origins.
    """


@hookspec
def dvlint_fixtures():
    """Return a dict of fixtures: ``{name: function(context) -> value}``.

    A rule receives a fixture by naming it as a parameter. The function gets
    the :class:`dvlint.engine.CheckContext` of the report being checked and is
    called at most once per report. It may return ``dvlint.engine.SKIP`` to say
    that rules asking for it do not apply to this report (the ``template``
    fixture does so when no template applies). A name defined twice is an error.
    """


@hookspec
def dvlint_loaders():
    """Return a list of :class:`dvlint.read.loaders.Loader`: readers of report files.

    A loader names the file suffixes it reads (``[".yaml", ".yml"]``) and turns
    a path into a :class:`dvlint.read.loaders.LoadedReport` (the model and the
    positions of its values), or raises :class:`dvlint.source.errors.LoadError` with a
    location. The .docx and Markdown importers plug in here. When two loaders
    claim one suffix, the one registered last wins.
    """


@hookspec
def dvlint_template_paths(config):
    """Return a list of paths to template files (YAML) or folders of them.

    Called once per configuration. The built-in plugin returns the shipped
    templates folder and the folders named in the ``templates`` setting.
    """


@hookspec
def dvlint_formatters():
    """Return a dict of output formats: ``{name: function(run, options) -> str}``.

    ``run`` is a :class:`dvlint.engine.RunResult`; ``options`` a
    :class:`dvlint.output.OutputOptions` (language, colour, source lines).
    The name is what ``--format`` takes. A format that writes to a terminal
    itself may return None after printing.
    """


@hookspec
def dvlint_process_findings(result, config):
    """Change the findings of one report after all rules ran, before scoring.

    ``result`` is a :class:`dvlint.engine.ReportResult`; modify
    ``result.findings`` in place (drop, add or change findings: suppressions,
    baselines and severity policies live here). Implementations run in
    registration order; the return value is ignored.
    """
