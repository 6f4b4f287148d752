"""Read-only questions the screens ask of the ledger (search, history, summaries)."""
