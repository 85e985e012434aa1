"""The amendment operations: the registry, and the built-in operations.

Each built-in is one module (replace, insert, repeal, replace-words,
append, set-cell, reinstate) that registers itself on import; a new
operation is one more such module (see docs/architecture.md).
"""

from bocompile.operations.registry import (  # noqa: F401
    KEY, OperationKind, by_name, kind_of, kinds, names, register, unregister,
)
from bocompile.operations import (  # noqa: F401  (registration order: the vocabulary's order)
    replace, insert, repeal, replace_words, append, set_cell, reinstate,
)
