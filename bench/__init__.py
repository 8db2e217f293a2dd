"""The performance benchmark: `python bench/run.py [--quick]` (see docs/performance.md)."""
