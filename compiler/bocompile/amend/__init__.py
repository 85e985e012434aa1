"""Amendments: operations applied to the model in order of entry into force."""
