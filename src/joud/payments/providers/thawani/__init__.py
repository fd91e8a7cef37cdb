"""Thawani Pay (Oman): hosted checkout sessions, signed webhooks, refunds."""
