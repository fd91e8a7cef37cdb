"""Stripe Checkout (official SDK). Named so that it never shadows ``import stripe``."""
