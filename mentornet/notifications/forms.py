from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class MessageTextForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200, help_text=_("Used for e-mails only."))
    body = forms.CharField(label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 10}))
