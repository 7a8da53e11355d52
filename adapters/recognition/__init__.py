"""Song recognition through shazamio, within Shazam's request budget."""
