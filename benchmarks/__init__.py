"""Benchmarks: `make bench` (python -m benchmarks). Speed is measured here, never in tests."""
