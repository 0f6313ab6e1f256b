"""Forms for activities: plan and edit, add a session, enrol, answer through a link, the questionnaire."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.activities.models import Activity, ActivityKind
from mentornet.organisations.models import Branch
from mentornet.people.forms.fields import SafeTextMixin
from mentornet.people.models import Person

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class ActivityForm(SafeTextMixin, forms.ModelForm[Activity]):
    invited_branches = forms.ModelMultipleChoiceField(
        label=_("Also invite these branches"),
        queryset=Branch.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The host branch's own people are always invited."),
    )

    class Meta:
        model = Activity
        fields = ["kind", "audience", "title", "description", "place", "capacity", "satisfaction_survey"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, branch: Branch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invited_branches"].queryset = Branch.objects.filter(  # type: ignore[attr-defined]
            organisation_id=branch.organisation_id, is_active=True
        ).exclude(pk=branch.pk)
        if self.instance.pk:
            self.initial["invited_branches"] = [b.pk for b in self.instance.invited_branches.all() if b.pk != branch.pk]


class PlanForm(ActivityForm):
    """A new activity: its first session, and optionally a series."""

    date = forms.DateField(label=_("Date of the first session"), widget=DATE_WIDGET)
    starts = forms.TimeField(label=_("Starts at"), widget=TIME_WIDGET)
    ends = forms.TimeField(label=_("Ends at"), widget=TIME_WIDGET)
    count = forms.IntegerField(
        label=_("How many times"),
        min_value=1,
        max_value=52,
        initial=1,
        help_text=_(
            "A course gets this many sessions (for example two evenings). Meetings and events become this many "
            "separate activities, each with its own invitation and answers."
        ),
    )
    every_weeks = forms.IntegerField(
        label=_("Every how many weeks"),
        min_value=1,
        max_value=26,
        initial=1,
        help_text=_("For example 6 for mentor meetings, 13 for supervision every third month."),
    )
    skip_summer = forms.BooleanField(
        label=_("Not in the summer (June–August)"), required=False, help_text=_("Dates in the summer are skipped.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("The session must end after it starts."))
        if data.get("date") and data["date"] < timezone.localdate():
            self.add_error("date", _("Choose a date from today on."))
        return data

    def first_session(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        return _at(data["date"], data["starts"]), _at(data["date"], data["ends"])


class SessionForm(SafeTextMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    starts = forms.TimeField(label=_("Starts at"), widget=TIME_WIDGET)
    ends = forms.TimeField(label=_("Ends at"), widget=TIME_WIDGET)
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("Only if not the activity's place.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("The session must end after it starts."))
        return data

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        return _at(data["date"], data["starts"]), _at(data["date"], data["ends"])


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person to enrol"),
        queryset=Person.objects.none(),
        error_messages={
            "invalid_choice": _("Choose a person from the list."),
            "required": _("Choose a person from the list."),
        },
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Will you come?"),
        choices=[("yes", _("Yes, I will come")), ("no", _("No, I cannot come"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )


class SatisfactionForm(SafeTextMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was it?"),
        choices=[
            (5, _("5 – Very good")),
            (4, _("4 – Good")),
            (3, _("3 – All right")),
            (2, _("2 – Not so good")),
            (1, _("1 – Poor")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it was, from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Please do not write names or anything personal."),
    )


class ListFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *ActivityKind.choices])
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming")), ("past", _("Past"))],
    )
