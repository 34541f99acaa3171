"""The wiring at the top: one plugin manager with dvlint's own plugins and the
installed packs, engines built on it, and the runner that checks a set of paths
(dvlint.app.runner).

Nothing below this package imports it: the engine receives its plugin manager
from here, as pytest's own features are plugins registered by its start-up.
"""

from __future__ import annotations

import datetime as dt
import functools

import pluggy

from dvlint.engine.config import Settings
from dvlint.engine.core import Engine
from dvlint.engine.plugins import autoload_disabled, load_installed_plugins, new_plugin_manager
from dvlint.plugins import builtin, suppress


def own_plugin_manager() -> pluggy.PluginManager:
    """A new manager with dvlint's own plugins and no installed pack (dvlint.testing adds the pack under test)."""
    pm = new_plugin_manager()
    pm.register(builtin, name="dvlint.builtin")
    pm.register(suppress, name="dvlint.suppress")
    return pm


def plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager: dvlint's own plugins first, then installed packs.

    Installed packs are loaded from their entry points once, unless
    ``DVLINT_DISABLE_PLUGIN_AUTOLOAD`` is set (``--no-plugins`` sets it); a pack
    that cannot be loaded is a usage error naming it (dvlint.engine.plugins).
    No local rule module is ever registered here (each engine has its own
    manager for them).
    """
    return _plugin_manager(not autoload_disabled())


@functools.cache
def _plugin_manager(autoload: bool) -> pluggy.PluginManager:
    pm = own_plugin_manager()
    if autoload:
        load_installed_plugins(pm)
    return pm


def engine_plugin_manager(shared: pluggy.PluginManager | None = None) -> pluggy.PluginManager:
    """A manager of one engine's own: the shared plugins, and room for its local rule modules.

    A local rule module that implements hooks (or fixtures) is registered on
    the engine's manager only, so a rules folder of one configuration never
    shows up in an engine built for another, and two folders may each define
    the same fixture.
    """
    shared = shared or plugin_manager()
    pm = new_plugin_manager()
    for name, plugin in shared.list_name_plugin():
        if plugin is not None and not shared.is_blocked(name):
            pm.register(plugin, name=name)
    return pm


def new_engine(settings: Settings, today: dt.date | None = None, plugins: pluggy.PluginManager | None = None) -> Engine:
    """An engine for one configuration, with every plugin registered (those of ``plugins`` if given)."""
    shared = plugins or plugin_manager()
    return Engine(settings, today, plugins=engine_plugin_manager(shared) if settings.rule_dirs else shared)
