"""Benchmark scripts and the synthetic-export generator they share (importable as `benchmarks`)."""
