"""Shared helpers for the synthetic demo data (Faker da_DK; never real persons)."""

from __future__ import annotations

from faker import Faker


def person_name(fake: Faker) -> str:
    """A plain Danish first and last name, without the titles Faker sometimes adds."""
    return f"{fake.first_name()} {fake.last_name()}"
