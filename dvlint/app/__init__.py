"""The wiring at the top: dvlint's own plugins and installed packs on one plugin
manager, engines built with them, and the runner that checks a set of paths.
"""
