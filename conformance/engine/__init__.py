"""The pytest plugin: ``plugin.py`` (hooks only) and the modules its hooks call: the plan, the environment, enumeration
and collection, containment and its runner, outcomes and evidence, and the record of a session. ``record.py``
assembles the results document, turns it into the results model (``conformance.results``: ``Run.from_json`` is the
validation) and writes the model's ``to_json``; the baseline it checks against and records is the model's
``Baseline``, validated the same way before it is written. Some of these modules serve the tools too (``environment``,
``evidence``, ``results``: where a results file goes, how it is written, small readers of a document); the tools read
results files through ``conformance.results``."""
