"""Instrument readings in the ledger (Qt-free): Brix grades, pesticide screen verdicts per
GB/T 5009.199, and saving each reading immutably with its outbox event."""
