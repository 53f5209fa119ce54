"""The pytest plugin: ``plugin.py`` (hooks only) and the modules its hooks call: the plan, enumeration and collection,
containment and its runner, outcomes and evidence, and the record of a session. ``record.py`` assembles the results
document, turns it into the results model (``conformance.results``: ``Run.from_json`` is the validation) and writes
the model's ``to_json``; the baseline it checks against and records is the model's ``Baseline``, validated the same
way before it is written. This host's frameworks, devices and machine (``conformance.host``) and the forked children
(``conformance.processes``) live outside: the tools use them too. The tools read, write and compare results files
through ``conformance.results`` and import nothing from here, except to do what the plugin does: run a pytest session
over the claims (``collection``), and note a test's inputs as evidence (``evidence``, from the tests and their
helpers); selftests/test_structure.py lists each."""
