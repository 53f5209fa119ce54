"""The pytest plugin (``plugin.py``, hooks only) and what its hooks call: the plan, the environment, enumeration and
collection, containment and its runner, outcomes and evidence, the record of a session and its baseline check. The
results model it writes through is ``conformance.results``; the command-line tools live beside it and read results
through that model."""
