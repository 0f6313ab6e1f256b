"""Validators for text that people type: no markup anywhere, no spreadsheet formulas in short fields."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>?")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def reject_markup(value: object) -> None:
    if isinstance(value, str) and _TAG.search(value):
        raise ValidationError(_("Write the text without HTML tags such as <script>."), code="markup")


def reject_formula(value: object) -> None:
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        raise ValidationError(
            _("The text cannot start with =, +, - or @ (a spreadsheet could run it as a formula)."), code="formula"
        )
