"""bocompile: compile bilingual Belgian management agreements."""

__version__ = "0.1.0"
