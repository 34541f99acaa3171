"""dvlint: a compliance linter for Vietnamese reports on mass-mobilization work.

The public API for rule authors is small and importable from here:
``rule`` (the decorator that marks a rule), ``Problem`` (what a rule yields),
``Msg`` (a message in Vietnamese and English), ``hookimpl`` (for plugins) and
``PluginSetting`` (a setting a plugin declares with ``dvlint_add_settings``).
"""

from __future__ import annotations

__version__ = "0.1.0"

from dvlint import _moved
from dvlint.engine.hooks import hookimpl
from dvlint.engine.plugins import PluginSetting
from dvlint.engine.rule import Problem, rule
from dvlint.i18n import Msg

_moved.install()

__all__ = ["__version__", "Msg", "PluginSetting", "Problem", "rule", "hookimpl"]
