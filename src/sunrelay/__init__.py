"""Sunrelay: a self-hosted support and customer-engineering desk."""

__version__ = "0.1.0"
