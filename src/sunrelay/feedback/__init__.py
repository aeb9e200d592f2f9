"""Product feedback: customers' words as items, grouped into themes weighted by the accounts
behind them, and the notice to every contact when a theme ships (docs/feedback.md)."""
