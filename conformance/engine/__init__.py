"""The machinery behind the claims. Most of it serves the pytest plugin (``plugin.py``, hooks only) and is called from
its hooks; some of that (results, casediff, environment, evidence, conversions) the command-line tools read too. Four
modules the plugin never calls: ``cli`` (what the command-line tools share), ``merge`` (several results files as one,
for compare and reference), ``runs`` (in-process runs for the mutation and flake tools) and ``reference`` (when the
main job's results stand in for the mutation tool's unfaulted run)."""
