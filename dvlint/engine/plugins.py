"""The plugin manager the engine works with: the hook specifications, and local rule modules.

The engine knows no plugin by name. Whoever builds an engine hands it a
manager with plugins registered on it (dvlint.app: dvlint's own plugins, then
installed packs); local rule modules that implement hooks are registered here
when the engine collects them, like pytest's conftest.py files.
"""

from __future__ import annotations

import pluggy

from dvlint.engine import hookspecs
from dvlint.engine.hooks import PROJECT

ENTRY_POINT_GROUP = "dvlint"


def new_plugin_manager() -> pluggy.PluginManager:
    """A manager that knows dvlint's hooks and has no plugin yet."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def register_module_plugins(pm: pluggy.PluginManager, modules) -> None:
    """Register local rule modules that implement hooks, like conftest.py files."""
    marker = f"{PROJECT}_impl"
    for module in modules:
        if pm.is_registered(module):
            continue
        if any(hasattr(value, marker) for value in vars(module).values()):
            pm.register(module)
