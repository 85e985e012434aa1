"""Readers: sources on disk to the model. They know nothing of output formats."""
