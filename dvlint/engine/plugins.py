"""The plugin manager: built-in plugin, installed packs, local rule modules."""

from __future__ import annotations

import functools

import pluggy

from dvlint.engine import hookspecs
from dvlint.engine.hooks import PROJECT

ENTRY_POINT_GROUP = "dvlint"


@functools.cache
def plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, made on first use."""
    from dvlint.plugins import builtin, suppress

    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="dvlint.builtin")
    pm.register(suppress, name="dvlint.suppress")
    pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return pm


def register_module_plugins(pm: pluggy.PluginManager, modules) -> None:
    """Register local rule modules that implement hooks, like conftest.py files."""
    marker = f"{PROJECT}_impl"
    for module in modules:
        if pm.is_registered(module):
            continue
        if any(hasattr(value, marker) for value in vars(module).values()):
            pm.register(module)
