"""Rules of docs/RULES.md that are coded and tested but NOT enforced yet: no feature
calls them. They live apart so nobody mistakes them for what the bot does today; a test
(tests/test_architecture.py) fails when handlers/ or bot/ import this package, so wiring a
rule means moving it out of here into domain/ on purpose, with the feature that calls it.

Each rule, and the feature that will wire it:
- check_request_fields (R5): NOT enforced; the surat permohonan pelibatan of a cross-unit penunjukan.
(The voluntary rules R17-23 are wired: domain.voluntary, /ajukan across units.)
"""
from domain.pending.appointment import REQUEST_FIELDS, check_request_fields

__all__ = ["REQUEST_FIELDS", "check_request_fields"]
