"""The translators' workbench: translation status and the XLIFF round trip.

Both work on *units*: a division's title and each of its own blocks, named
by stable ids (units.py). The ledger (sources/translations.lock) records,
per unit and translation, the reference text it was last aligned with;
status.py compares, xliff/ exchanges the text with CAT tools.
"""
