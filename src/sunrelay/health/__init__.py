"""Customer health: telemetry intake, scorecards, explainable scores and alerts (docs/health.md)."""
