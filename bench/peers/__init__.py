"""Other help desks, measured on the same data as Sunrelay (bench/peers/*/run.py)."""
