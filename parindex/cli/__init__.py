"""The command line: ``python -m parindex …`` and its Vietnamese help."""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_help": ["missing_vietnamese"],
        "_main": ["build_parser", "main"],
    },
)
