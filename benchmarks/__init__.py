"""Benchmarks for warta: extraction quality and speed against other extractors, and memory.

Run from the repository root, e.g. ``python -m benchmarks.extraction --limit 20``.
The evaluation pages live outside the repository (``../shared/data`` by default, or the folder
named by the ``WARTA_BENCH_DATA`` environment variable); see ``BENCHMARKS.md``.
"""
