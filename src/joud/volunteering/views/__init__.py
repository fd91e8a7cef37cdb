"""Volunteering's pages, one module per seam; ``urls.py`` names each view by its module."""
