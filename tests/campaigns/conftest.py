import pytest
from django.core.cache import cache

from joud.campaigns.selectors import HOME_COUNTERS_KEY, HOME_ORDER_KEY


@pytest.fixture(autouse=True)
def _fresh_home_page():
    """The home page's order and figures are shared for a second: each test draws its own."""
    cache.delete_many([HOME_ORDER_KEY, HOME_COUNTERS_KEY])
    yield
    cache.delete_many([HOME_ORDER_KEY, HOME_COUNTERS_KEY])
