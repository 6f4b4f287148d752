"""Services: each is one database transaction that also appends the outbox event and audit entry."""
