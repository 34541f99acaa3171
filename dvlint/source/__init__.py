"""A file as text: safe reads, encodings (legacy ones too), positioned YAML, located load errors.

The bottom of the flow: it knows nothing of reports, rules or the law.
"""
