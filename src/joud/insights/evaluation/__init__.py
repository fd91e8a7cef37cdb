"""Offline evaluation of the insights models (``python -m joud.insights.evaluation``)."""
