"""Benchmarks: ``python -m bench`` (or ``make bench``). They print figures; they assert nothing."""
