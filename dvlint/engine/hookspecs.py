"""Every hook a dvlint plugin can implement, in one place.

dvlint's own loaders, fixtures, rules and output formats are registered
through these same hooks (see :mod:`dvlint.plugins.builtin`); a third-party pack does
exactly what the built-in plugin does. A pack is found through the ``dvlint``
entry-point group::

    [project.entry-points.dvlint]
    lamdong = "lamdong.plugin"

and a module in a ``--rules`` folder (or the ``rules`` setting) may implement
them too, like a pytest ``conftest.py``. Mark implementations with
``dvlint.hookimpl``; an implementation may take fewer arguments than the hook
offers, but none it does not. Unless said otherwise, every implementation is
called and the results are gathered in a list.

The entry point's name (``lamdong``) is the plugin's name: its settings are
``[tool.dvlint.plugins.lamdong]``. The module it names declares the prefix of
its rule codes, ``DVLINT_PREFIX = "LD"`` (2 to 4 capital letters, not ``DV``):
its rules must be ``LD`` and three digits (``LD101``).

Where a hook receives ``config``, it is the
:class:`dvlint.engine.config.Settings` in force for the files being checked
(the configuration file merged with the command's options); a fixture's
``context`` (:class:`dvlint.engine.CheckContext`) holds the same object as
``context.settings``. A plugin reads its own settings with
``config.plugin("lamdong")`` (or ``context.settings.plugin("lamdong")``), and a
rule by naming the ``plugin_settings`` fixture.

``docs/hooks.md`` is generated from this module (``dvlint rules --format
hooks``).
"""

from __future__ import annotations

from dvlint.engine.hooks import hookspec


@hookspec
def dvlint_add_settings():
    """Return the settings this plugin takes, as a list of ``dvlint.engine.plugins.PluginSetting``.

    Each is ``PluginSetting(name, type, default, help)``: ``name`` a Python
    identifier (``max_words``), ``type`` what pydantic validates (``int``,
    ``str``, ``bool``, ``list[str]``, ``Literal["a", "b"]``), ``default`` its
    value when the configuration does not set it. The user sets them in the
    plugin's own table, named by its entry point, in kebab-case::

        [tool.dvlint.plugins.lamdong]     # pyproject.toml
        max-words = 30

        [plugins.lamdong]                 # dvlint.toml
        max-words = 30

    They are validated like dvlint's own settings: a value of the wrong type,
    a key the plugin does not declare or a table naming no installed plugin is
    a usage error (exit 2) with the file and line. Called once per
    configuration, before ``dvlint_collect_rules``; only installed plugins
    (entry points) take settings.
    """


@hookspec
def dvlint_collect_rules(config):
    """Return the rules this plugin provides, as a list of ``RuleSpec``.

    Called once per configuration, before any report is checked. ``config`` is
    the :class:`dvlint.engine.config.Settings` in force (``config.plugin(name)``
    gives a plugin's settings). Most plugins return
    ``dvlint.engine.collect.rules_from_module(module)`` or
    ``dvlint.engine.collect.rules_from_directory(path)``. An installed plugin's
    rule codes must use its ``DVLINT_PREFIX``; two rules with the same code are
    a usage error that names both rules and their plugins.
    """


@hookspec
def dvlint_fixtures():
    """Return a dict of fixtures: ``{name: function(context) -> value}``.

    A rule receives a fixture by naming it as a parameter. The function gets
    the :class:`dvlint.engine.CheckContext` of the report being checked and is
    called at most once per report: ``context.loaded`` (the
    :class:`dvlint.read.loaders.LoadedReport`: ``.report``, the model, and
    ``.positions``), ``context.settings`` (the ``Settings`` in force),
    ``context.template`` (the template in force, or None), ``context.today``
    and ``context.cache`` (the fixtures computed so far, by name). It may return ``dvlint.engine.SKIP`` to say
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

    Called once per configuration; ``config`` is the ``Settings`` in force.
    The built-in plugin returns the shipped templates folder and the folders
    named in ``config.template_dirs`` (the ``templates`` setting and
    ``--templates``).
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

    ``result`` is a :class:`dvlint.engine.ReportResult` (``result.path``,
    ``result.findings``, and ``result.loaded``, the report with its positions
    and source, while it is being checked); ``config`` the ``Settings`` in
    force for that file. Modify ``result.findings`` in place (drop, add or change findings: suppressions,
    baselines and severity policies live here). Implementations run in
    registration order; the return value is ignored.
    """
