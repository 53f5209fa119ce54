"""A claim's id, defined once: the catalog's ``Claim(id=...)``, the ``@for_claim("<id>")`` marker of its test, a
results file's claim ``id``, a baseline's key and the tools' ``--claims`` all hold one.

A ``NewType`` rather than ``str``, so that mypy tells a claim id from the other strings the suite passes around (case
ids, outcome classes, framework keys); at run time it is the string itself."""

from typing import NewType

ClaimId = NewType("ClaimId", str)
