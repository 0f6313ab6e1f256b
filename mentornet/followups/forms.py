"""Forms for follow-up: the mentee's answer, the coordinator's phone answer, the exit evaluation, the work-ability
assessment and the list's filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentornet.followups.models import AREAS, Outcome, Rating, WorkAbilityAssessment
from mentornet.followups.services import ASSESSMENT_FIELDS
from mentornet.organisations.models import Programme
from mentornet.people.forms.fields import SafeTextMixin

CHOOSE = {"required": _("Choose one of the answers.")}


class FollowUpAnswerForm(SafeTextMixin, forms.Form):
    """The mentee's one question, in plain words."""

    outcome = forms.ChoiceField(
        label=_("What are you doing now?"), choices=Outcome.choices, widget=forms.RadioSelect, error_messages=CHOOSE
    )
    place = forms.CharField(
        label=_("Name of the education or workplace (you may leave it out)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


class PhoneAnswerForm(FollowUpAnswerForm):
    outcome = forms.ChoiceField(
        label=_("What does the mentee do now?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
    )
    place = forms.CharField(label=_("Name of the education or workplace"), max_length=200, required=False)


class EvaluationForm(SafeTextMixin, forms.Form):
    """Four short questions; the words differ a little for the mentor and the mentee."""

    overall = forms.TypedChoiceField(
        label=_("All in all, how good was the mentorship?"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
    )
    helped = forms.TypedChoiceField(
        label=_("Did the mentorship help you toward your goals?"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
    )
    recommend = forms.TypedChoiceField(
        label=_("Would you recommend others to have a mentor?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell us? (you may leave it out)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )

    def __init__(self, *args: Any, side: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if side == "mentor":
            self.fields["helped"].label = _("Did the mentorship help the mentee toward their goals?")
            self.fields["recommend"].label = _("Would you recommend others to be a mentor?")


class WorkAbilityForm(SafeTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = WorkAbilityAssessment
        fields = list(ASSESSMENT_FIELDS)
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "overall": forms.Textarea(attrs={"rows": 5, "maxlength": 3000}),
            "recommendation": forms.RadioSelect,
            **{f"{area}_comment": forms.Textarea(attrs={"rows": 2, "maxlength": 500}) for area in AREAS},
        }
        help_texts = {
            "physical_comment": _("What the workplace took into account and how it worked. No diagnoses."),
            "overall": _("What the mentee can do at work today, in plain words the jobcentre can use."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for area, label in AREAS.items():
            self.fields[area].label = label
            choices = list(getattr(self.fields[area], "choices", []))[1:]  # without Django's "---------"
            self.fields[area].widget = forms.Select(choices=[("", _("Not assessed")), *choices])
            self.fields[f"{area}_comment"].label = _("Comment on: %(area)s") % {"area": label}

    def areas(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[area], self[f"{area}_comment"]) for area in AREAS]


class FilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False, empty_label=_("All programmes")
    )

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
