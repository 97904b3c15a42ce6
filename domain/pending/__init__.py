"""Rules of docs/RULES.md that are coded and tested but NOT enforced yet: no feature
calls them. They live apart so nobody mistakes them for what the bot does today; a test
(tests/test_architecture.py) fails when handlers/ or bot/ import this package, so wiring a
rule means moving it out of here into domain/ on purpose, with the feature that calls it.

Each rule, and the feature that will wire it:
- check_voluntary_scope (R17/18): NOT enforced; /ajukan across units, agencies or institutions.
- check_voluntary_dispatch (R20/21): NOT enforced; the home side's ack/approval in a cross-unit /ajukan.
- voluntary_home_approvers (R23): NOT enforced; the final home approval in a cross-unit /ajukan.
"""
from domain.pending.voluntary import (
    check_voluntary_dispatch,
    check_voluntary_scope,
    voluntary_home_approvers,
)

__all__ = [
    "check_voluntary_dispatch",
    "check_voluntary_scope", "voluntary_home_approvers",
]
