"""Demo data and the demo's conveniences (seed data, developer outbox, benchmark endpoints).

It may import any app; no app imports it (import-linter's top layer). Production does not
install it (``settings/production.py``).
"""
