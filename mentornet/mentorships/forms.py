"""Forms for mentorships: the frame, closing, a meeting (few fields, big targets), a milestone, a concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.mentorships.models import (
    CloseReason,
    MeetingForm,
    MeetingTopic,
    Mentorship,
    MentorshipStatus,
    MilestoneKind,
)
from mentornet.people.forms.fields import SafeTextMixin

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DURATIONS = [(30, _("30 minutes")), (60, _("1 hour")), (90, _("1½ hours")), (120, _("2 hours")), (180, _("3 hours"))]


class FrameForm(SafeTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    """The agreed frame and, for a praktik, the working hours and special considerations."""

    class Meta:
        model = Mentorship
        fields = ["kind", "planned_end", "frequency", "place", "goals", "workplace", "working_hours", "considerations"]
        widgets = {
            "planned_end": DATE_WIDGET,
            "goals": forms.Textarea(attrs={"rows": 4}),
            "considerations": forms.Textarea(attrs={"rows": 3}),
        }


class CloseForm(SafeTextMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Why does the mentorship end?"),
        choices=CloseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the mentorship ends.")},
    )
    closed_on = forms.DateField(label=_("Last day"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()


class MeetingLogForm(SafeTextMixin, forms.Form):
    """A meeting in a few taps: today, an hour and the form used last time are filled in."""

    date = forms.DateField(
        label=_("When did you meet?"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Enter the date of the meeting."), "invalid": _("Enter a real date.")},
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("How long?"), choices=DURATIONS, coerce=int, widget=forms.RadioSelect, initial=60
    )
    form = forms.ChoiceField(label=_("How did you meet?"), choices=MeetingForm.choices, widget=forms.RadioSelect)
    topic = forms.ChoiceField(
        label=_("What did you mostly talk about?"),
        choices=MeetingTopic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you mostly talked about.")},
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=300,
        required=False,
        help_text=_("Only the coordinators read it. No health information."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    submission = forms.UUIDField(widget=forms.HiddenInput)


class MilestoneForm(SafeTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Milestone"), choices=MilestoneKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ConcernForm(SafeTextMixin, forms.Form):
    text = forms.CharField(
        label=_("What worries you?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only the coordinators of your branch read this. Your mentee never sees it."),
        error_messages={"required": _("Write a few words about what worries you.")},
    )


class ListFilterForm(forms.Form):
    hide_optional = True  # every filter is optional

    status = forms.ChoiceField(label=_("Status"), required=False)
    programme = forms.TypedChoiceField(label=_("Programme"), required=False, coerce=int, empty_value=None)
    inactive = forms.BooleanField(label=_("Only mentorships without recent meetings"), required=False)

    def __init__(self, *args: Any, programmes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), *MentorshipStatus.choices]  # type: ignore[attr-defined]
        self.fields["programme"].choices = [("", _("All")), *((p.pk, p.name) for p in programmes)]  # type: ignore[attr-defined]
