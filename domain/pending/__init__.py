"""Rules of docs/RULES.md that are coded and tested but NOT enforced yet: no feature
calls them. They live apart so nobody mistakes them for what the bot does today; a test
(tests/test_architecture.py) fails when handlers/ or bot/ import this package, so wiring a
rule means moving it out of here into domain/ on purpose, with the feature that calls it.

Each rule, and the feature that will wire it:
(none: the voluntary rules R17-23 are wired by /ajukan across units (domain.voluntary), the request
letter's four fields R5 by /pelibatan (domain.appointment).)
"""

__all__: list[str] = []
