"""Daily giving forecasts aware of the Hijri calendar (see ``model.Forecaster``)."""
