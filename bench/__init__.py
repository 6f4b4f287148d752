"""`make bench`: every area's benchmark, one after the other, figures printed."""
