"""Sunrelay's SQLite database backend (settings' ENGINE for sqlite:/// URLs); see base.py."""
