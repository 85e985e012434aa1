"""The amendment operations: the registry, and the built-in operations.

Each built-in is one module (replace, insert, repeal, replace-words,
append, set-cell, reinstate) that registers itself on import; a new
operation is one more such module (see docs/architecture.md).
"""

from importlib import import_module

from bocompile.operations.registry import (  # noqa: F401
    KEY,
    OperationKind,
    by_name,
    kind_of,
    kinds,
    names,
    register,
    unregister,
)

#: the vocabulary's order (help, docs and errors list operations so); each module registers itself on import
VOCABULARY = ("replace", "insert", "repeal", "replace_words", "append", "set_cell", "reinstate")
for _module in VOCABULARY:
    import_module(f"bocompile.operations.{_module}")
