"""Imports from CSV and Excel: read, check every row through the services, preview, commit all
or nothing, undo within a day."""
