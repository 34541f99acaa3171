"""What dvlint knows of the law and the provinces: the dated data registers
(rules/data/*.yaml), the provincial templates (rules/templates/*.yaml) and the
recognition of the state and Party forms.
"""
