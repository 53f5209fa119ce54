"""REPORT.md, generated from the results files: one module per section family, and the command line in __main__."""
