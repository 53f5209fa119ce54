"""Repository-level pytest configuration. The conformance plugin is not loaded here: it registers itself through the
``pytest11`` entry point of this package (``pip install .``, as every tox env does), so that the same plugin checks
any environment the suite is installed into. Fixtures live with the plugin (``conformance/engine/fixtures.py``)."""
