"""Integrations: issue trackers that close the loop on bug links (docs/integrations.md)."""
