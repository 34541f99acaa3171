"""The plugin dvlint loads through the entry point: it hands dvlint the rules of dvlint_lamdong.rules."""

from dvlint import hookimpl
from dvlint.collect import rules_from_module

from dvlint_lamdong import rules

DVLINT_PREFIX = "LD"  # the plugin's own code prefix: its rules are LD101, LD102 (dvlint's stay DV)


@hookimpl
def dvlint_collect_rules(config):
    return rules_from_module(rules)
