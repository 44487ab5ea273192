"""Benchmarks, run by `make bench`: each prints its figure next to a baseline of the same run."""
