"""Unusual activity raised to the ministry's review queue (``insights.models.Anomaly``)."""
