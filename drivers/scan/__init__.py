"""scan drivers."""
