"""Seeing the platform run: request ids and structured logs, Prometheus metrics, the scheduler's
heartbeat and the readings readiness and metrics share, error reporting (Sentry, off by default).

Core is the bottom layer: the apps call in here (one line at each point worth counting); nothing
here imports an app.
"""
