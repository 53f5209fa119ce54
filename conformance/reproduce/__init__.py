"""Standalone reproducers: one minimal plain-Python script per failing behaviour of a refuted claim, and per crashing
or wrong-valued path of the conversion matrix, with an issue-ready text beside it addressed to whoever must act.

A script builds its input in a line or two that say what is special about it (placement, strides, bits, byte order,
device), performs the documented operation (the claim's :class:`~conformance.claims.Recipe`), says expected against
actual in words, and exits 1 while the documented behaviour fails and 0 once it holds; a crash is left to show, with
a comment giving its exit code. Nothing in a script or text depends on the machine. ``python -m
conformance.reproduce`` writes them; never edit one.
"""
