"""Initiatives suggested to a donor from what they and donors like them gave."""
