"""The commission's batch: ranking many reports, the CSV/workbook/HTML exports,
per-agency files and comparison with a previous run, results spilled to disk.
"""
