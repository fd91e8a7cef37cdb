"""Outgoing webhooks: events read from the audit log, signed deliveries, retries, the log."""
