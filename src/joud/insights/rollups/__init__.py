"""Rewriting the insights tables from the source rows (called by ``insights.services``)."""
