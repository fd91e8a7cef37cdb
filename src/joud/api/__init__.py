"""The public and organization JSON API under /api/v1/, webhooks out and imports (issue 20)."""
