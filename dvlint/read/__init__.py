"""A file into a report: the loader registry and the built-in loaders (YAML,
Markdown/text, .docx), each giving a model with the positions of its values.
"""
