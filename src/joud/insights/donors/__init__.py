"""Donors as an organization sees them: RFM segments, lapse risk, cohorts, suggestions."""
