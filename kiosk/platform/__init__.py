"""Data from and to the central platform: the change format loader, inbound pages, identity, sync state, conflicts."""
