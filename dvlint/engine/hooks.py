"""The pluggy markers for dvlint plugins.

A plugin (an installed package registered in the ``dvlint`` entry-point group,
a module in a ``--rules`` folder, or dvlint's own built-in plugin) implements
hooks declared in :mod:`dvlint.engine.hookspecs`, marking each with ``@hookimpl``.
"""

import pluggy

PROJECT = "dvlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
