"""Analysis that sets priorities: rollups, dashboards, forecasts, donors, anomalies (issue 15)."""
