"""dvlint's own plugins: the built-in rules, fixtures, loaders and formats
(builtin), and suppressions and the baseline (suppress).
"""
