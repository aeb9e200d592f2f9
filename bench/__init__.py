"""Sunrelay's benchmarks: `make bench` (python -m bench) prints a table and merges its
figures into bench/results/latest.json, a list of {name, value, unit, scale, peer_value}."""
