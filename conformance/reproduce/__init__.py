"""Standalone reproducers: one plain-Python script per failing behaviour of a refuted claim, and per crashing or
wrong-valued path of the conversion matrix, with an issue-ready text beside it.

A script imports only NumPy and the frameworks it needs, rebuilds the recorded failing input exactly (dtype, shape,
placement or framework layout, device, values) with the same layout code the suite ran, performs the documented
operation (the claim's :class:`~conformance.claims.Recipe`), prints the versions and what it observed, and exits 1
while the documented behaviour fails (reproduced) and 0 once it holds (fixed). An operation that may crash runs in a
forked child, and the script reports the signal. ``python -m conformance.reproduce`` writes them; never edit one.
"""
