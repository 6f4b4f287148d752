"""The ledger's record keeping: order life transitions, the outbox of events and the audit chain."""
