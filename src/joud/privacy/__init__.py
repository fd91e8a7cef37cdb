"""Personal data as Oman's PDPL requires: consent, rights, retention, breaches (issue 24)."""
