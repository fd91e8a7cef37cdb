"""Thin views for cases: caseworkers, organization admins, the ministry and the public.

Each module serves one part of the work (``cases``, ``decisions``, ``duplicate_review``,
``privacy``, ``ministry``, ``public_cases``, ``in_kind``); who may open each page is decided in
``joud.beneficiaries.access``, what it shows is read through ``joud.beneficiaries.selectors``.
"""
