"""The plugin manager the engine works with: the hook specifications, installed plugins, local rule modules.

The engine knows no plugin by name. Whoever builds an engine hands it a
manager with plugins registered on it (dvlint.app: dvlint's own plugins, then
installed plugins, loaded here from the ``dvlint`` entry-point group); local
rule modules that implement hooks are registered when the engine collects
them, like pytest's conftest.py files.

An installed plugin is the object its entry point names (usually a module).
It declares the prefix of its rule codes as an attribute of that object::

    DVLINT_PREFIX = "LD"      # its rules are LD101, LD102, ...

A plugin that cannot be loaded (its module does not import, its prefix is not
2 to 4 capital letters, another plugin has the same prefix, a hook is
misspelled) is a :class:`PluginError`: a usage error (exit 2) naming the
plugin's distribution and entry point, never a run without its rules.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pluggy

from dvlint.engine import hookspecs
from dvlint.engine.hooks import PROJECT
from dvlint.engine.rule import PREFIX_PATTERN, RESERVED_PREFIX
from dvlint.i18n import Msg
from dvlint.source.errors import UsageError

ENTRY_POINT_GROUP = "dvlint"
AUTOLOAD_VARIABLE = "DVLINT_DISABLE_PLUGIN_AUTOLOAD"


def autoload_disabled() -> bool:
    """Whether installed plugins are left out: ``DVLINT_DISABLE_PLUGIN_AUTOLOAD`` set to anything but
    empty, ``0``, ``false`` or ``no`` (``--no-plugins`` sets it for the run)."""
    return os.environ.get(AUTOLOAD_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


def installed_plugin_names(group: str = ENTRY_POINT_GROUP) -> list[str]:
    """The names of the installed plugins' entry points, from their metadata alone (nothing is imported)."""
    import importlib.metadata

    return sorted({ep.name for ep in importlib.metadata.entry_points(group=group)})


class PluginError(UsageError):
    """An installed plugin that cannot be used: exit 2, naming it."""


@dataclass(frozen=True)
class PluginInfo:
    """What is known of an installed plugin: its entry point and distribution, and its code prefix."""

    name: str  # the entry point's name: the plugin's name in dvlint (its settings are [tool.dvlint.plugins.NAME])
    value: str  # what the entry point names: "lamdong.plugin"
    distribution: str  # "dvlint-lamdong"
    version: str = ""
    prefix: str | None = None  # DVLINT_PREFIX

    @property
    def label(self) -> str:
        """How messages name it: ``'lamdong' (dvlint-lamdong 1.0, entry point lamdong = lamdong.plugin)``."""
        version = f" {self.version}" if self.version else ""
        return f"'{self.name}' ({self.distribution}{version}, entry point {self.name} = {self.value})"


@dataclass(frozen=True)
class PluginSetting:
    """One setting a plugin declares with ``dvlint_add_settings``.

    ``name`` is a Python identifier (``max_words``); the configuration file
    writes it in kebab-case (``max-words = 30``) or as it is. ``type`` is a type
    pydantic validates (``int``, ``float``, ``str``, ``bool``, ``list[str]``,
    ``dict[str, int]``, a ``Literal[...]``); ``default`` is used when the file
    does not set it; ``help`` says what it is for.
    """

    name: str
    type: Any
    default: Any = None
    help: str = ""

    @property
    def key(self) -> str:
        return self.name.replace("_", "-")


_INFO: dict[int, tuple[object, PluginInfo]] = {}


def plugin_info(plugin) -> PluginInfo | None:
    """The :class:`PluginInfo` of a plugin registered by :func:`register_plugin`; None for dvlint's own
    plugins and local rule modules."""
    found = _INFO.get(id(plugin))
    return found[1] if found and found[0] is plugin else None


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


def register_plugin(pm: pluggy.PluginManager, plugin, name: str, distribution: str = "", value: str = "",
                    version: str = "") -> PluginInfo:
    """Register ``plugin`` as an installed plugin is: its prefix checked against the plugins already
    registered, its hooks validated, its rules later held to its prefix (dvlint.engine.core).

    The entry points go through here; so may a test harness that registers a plugin by hand.
    """
    info = PluginInfo(name, value or getattr(plugin, "__name__", name), distribution or name, version,
                      getattr(plugin, "DVLINT_PREFIX", None))
    prefix = info.prefix
    if prefix is not None:
        if not isinstance(prefix, str) or not PREFIX_PATTERN.fullmatch(prefix) or prefix.startswith(RESERVED_PREFIX):
            raise PluginError(Msg(
                f"plugin {info.label}: DVLINT_PREFIX = {prefix!r} không hợp lệ: cần 2 đến 4 chữ in hoa, không bắt đầu "
                f"bằng {RESERVED_PREFIX} (dành cho quy tắc của dvlint và quy tắc cục bộ)",
                f"plugin {info.label}: DVLINT_PREFIX = {prefix!r} is not valid: it must be 2 to 4 capital letters, not "
                f"starting with {RESERVED_PREFIX} (kept for dvlint's own rules and local rules)"))
    for other_plugin in pm.get_plugins():
        other = plugin_info(other_plugin)
        if other is None:
            continue
        if other.name == name:
            raise PluginError(Msg(f"hai plugin cùng tên '{name}': {other.label} và {info.label}",
                                  f"two plugins are named '{name}': {other.label} and {info.label}"))
        if prefix and other.prefix and (prefix.startswith(other.prefix) or other.prefix.startswith(prefix)):
            raise PluginError(Msg(
                f"hai plugin dùng cùng tiền tố mã {min(prefix, other.prefix)}: {other.label} ({other.prefix}) và "
                f"{info.label} ({prefix}); mỗi plugin cần tiền tố riêng",
                f"two plugins use the code prefix {min(prefix, other.prefix)}: {other.label} ({other.prefix}) and "
                f"{info.label} ({prefix}); each plugin needs a prefix of its own"))
    _INFO[id(plugin)] = (plugin, info)
    try:
        pm.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        raise PluginError(Msg(f"plugin {info.label} không đăng ký được: {exc}",
                              f"plugin {info.label} cannot be registered: {exc}")) from None
    return info


def load_installed_plugins(pm: pluggy.PluginManager, group: str = ENTRY_POINT_GROUP) -> list[PluginInfo]:
    """Load and register every plugin of the entry-point ``group``, or raise :class:`PluginError` naming the
    first that cannot be loaded. A distribution found twice on the path is loaded once."""
    import importlib.metadata

    loaded: list[PluginInfo] = []
    seen: dict[str, str] = {}  # entry point name -> distribution
    # entry_points() reads each distribution's entry_points.txt only (and lists a distribution found twice on
    # the path once); the metadata of the few that name a dvlint plugin is read here, not that of every
    # installed package (parsing each METADATA cost about 10 ms of every start-up).
    for ep in importlib.metadata.entry_points(group=group):
        dist = ep.dist
        dist_name = (dist.metadata["Name"] if dist is not None else None) or "?"
        version = (dist.version if dist is not None else None) or ""
        if seen.get(ep.name) == dist_name:
            continue  # the same distribution twice on sys.path
        seen[ep.name] = dist_name
        info = PluginInfo(ep.name, ep.value, dist_name, version)
        try:
            plugin = ep.load()
        except BaseException as exc:  # noqa: BLE001 - whatever its import does, the plugin is what is wrong
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise PluginError(Msg(f"plugin {info.label} không nạp được: {type(exc).__name__}: {exc}",
                                  f"plugin {info.label} cannot be loaded: {type(exc).__name__}: {exc}")) from None
        loaded.append(register_plugin(pm, plugin, ep.name, dist_name, ep.value, version))
    try:
        pm.check_pending()  # a hook implementation no specification declares: a misspelled hook name
    except pluggy.PluginValidationError as exc:
        info = plugin_info(exc.plugin)
        who = info.label if info else str(exc.plugin)
        raise PluginError(Msg(f"plugin {who}: {exc} (xem docs/hooks.md)", f"plugin {who}: {exc} (see docs/hooks.md)")) from None
    return loaded


def who(pm: pluggy.PluginManager, plugin) -> str:
    """How a message names a plugin: an installed one by its entry point and distribution, else by its name."""
    info = plugin_info(plugin)
    return f"plugin {info.label}" if info else f"plugin '{pm.get_name(plugin)}'"


def call_each(pm: pluggy.PluginManager, hook: str, **kwargs) -> list[tuple[object, Any]]:
    """Call every implementation of ``hook``, each apart, in registration order: ``[(plugin, result)]``.

    For the hooks whose results must be told apart by plugin (rules, settings). An implementation that
    raises is a :class:`PluginError` naming its plugin, not a crash of dvlint.
    """
    out = []
    for impl in getattr(pm.hook, hook).get_hookimpls():
        try:
            result = impl.function(*(kwargs[name] for name in impl.argnames))
        except UsageError:
            raise
        except Exception as exc:  # noqa: BLE001 - a plugin's bug: say whose
            raise PluginError(Msg(f"{who(pm, impl.plugin)}: {hook} gặp lỗi: {type(exc).__name__}: {exc}",
                                  f"{who(pm, impl.plugin)}: {hook} failed: {type(exc).__name__}: {exc}")) from None
        if result is not None:
            out.append((impl.plugin, result))
    return out
