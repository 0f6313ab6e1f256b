"""Forms for matching: proposing, excluding, choosing, answering, the first meeting, and a programme's settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentornet.matching.engine import CRITERIA
from mentornet.matching.models import Proposal
from mentornet.matching.records import settings_for, weights_for
from mentornet.matching.selectors import CRITERION_LABELS
from mentornet.organisations.models import Programme
from mentornet.people.forms.fields import SafeTextMixin
from mentornet.people.models import Kind, MentorProfile, Person

REASON_WIDGET = forms.Textarea(attrs={"rows": 2, "maxlength": 300})


class MentorIdsField(forms.Field):
    """The ids of the mentors ticked in a list (``<input type=checkbox name=mentor value=id>``)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Choose mentors from the list.")}

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class ProposalForm(forms.Form):
    mentor = MentorIdsField(label=_("Mentors to propose"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "mentor" in self.errors:  # the list is rendered by hand: say it above the form
            raise forms.ValidationError(list(self.errors["mentor"]))
        if not data.get("mentor"):
            raise forms.ValidationError(_("Tick at least one mentor to propose."))
        return data


class ExclusionForm(SafeTextMixin, forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Person.objects.none(),
        error_messages={
            "invalid_choice": _("Choose a mentor from the list."),
            "required": _("Choose a mentor from the list."),
        },
    )
    reason = forms.CharField(
        label=_("Why should this mentor not be proposed?"),
        max_length=300,
        widget=REASON_WIDGET,
        error_messages={"required": _("Write why, so the next coordinator knows.")},
    )

    def __init__(self, *args: Any, organisation_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisation_id is not None:
            mentors = Person.objects.visible().filter(organisation_id=organisation_id, kind=Kind.MENTOR)
            self.fields["mentor"].queryset = mentors  # type: ignore[attr-defined]


class WithdrawForm(SafeTextMixin, forms.Form):
    reason = forms.CharField(label=_("Why is the proposal withdrawn?"), max_length=300, required=False)


class ChoiceForm(forms.Form):
    """The mentee's choice: on the public page, or recorded by a coordinator who heard it in person."""

    mentor = forms.TypedChoiceField(
        label=_("Which mentor do you choose?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the mentors.")},
    )

    def __init__(self, *args: Any, proposal: Proposal, label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentor"]
        field.choices = [(c.mentor_id, c.mentor.first_name) for c in proposal.candidates.all()]  # type: ignore[attr-defined]
        if label:
            field.label = label


class RespondForm(SafeTextMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Yes, I will be the mentor")), ("decline", _("No, I decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    reason = forms.CharField(
        label=_("If you decline: why?"),
        max_length=300,
        required=False,
        widget=REASON_WIDGET,
        help_text=_("Only the coordinators see this."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Tell the coordinator why you decline."))
        return data


class FirstMeetingForm(SafeTextMixin, forms.Form):
    """How the first meeting went, for one side."""

    go_on = forms.TypedChoiceField(
        label=_("After the first meeting"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("We go on together")), ("no", _("Another mentor, please"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the answers.")},
    )
    reason = forms.CharField(label=_("Anything to add?"), max_length=300, required=False, widget=REASON_WIDGET)


class CoordinatorFirstMeetingForm(FirstMeetingForm):
    side = forms.ChoiceField(
        label=_("Whose answer is it?"), choices=Proposal.Side.choices, widget=forms.RadioSelect, initial="mentee"
    )
    field_order = ["side", "go_on", "reason"]


class MatchingSettingsForm(forms.Form):
    """A programme's weights, N, reservation period and first-meeting step."""

    max_mentors_proposed = forms.IntegerField(
        label=_("Mentors proposed to a mentee"),
        min_value=1,
        max_value=5,
        help_text=_("The mentee chooses between this many. The sources recommend at most two."),
    )
    proposal_expiry_days = forms.IntegerField(
        label=_("Days the mentors are reserved"),
        min_value=1,
        max_value=90,
        help_text=_("After this, the proposal expires and the mentors can be proposed to others."),
    )
    first_meeting_step = forms.BooleanField(
        label=_("Non-binding first meeting"),
        required=False,
        help_text=_("After the first meeting both sides confirm, or ask for another match."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        weights = weights_for(programme)
        initial = {
            "max_mentors_proposed": programme.max_mentors_proposed,
            "proposal_expiry_days": programme.proposal_expiry_days,
            "first_meeting_step": settings_for(programme).first_meeting_step,
            **{name: int(weights[name]) for name in CRITERIA},
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for name in CRITERIA:
            self.fields[name] = forms.IntegerField(
                label=str(CRITERION_LABELS[name]),
                min_value=0,
                max_value=100,
                widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
            )

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CRITERIA]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(name in data for name in CRITERIA) and not any(data[name] for name in CRITERIA if name != "waiting"):
            raise forms.ValidationError(_("Give at least one criterion other than waiting time a weight above 0."))
        return data

    def weights(self) -> dict[str, float]:
        return {name: float(self.cleaned_data[name]) for name in CRITERIA}


class PresentationForm(SafeTextMixin, forms.ModelForm[MentorProfile]):
    class Meta:
        model = MentorProfile
        fields = ["presentation"]
        widgets = {"presentation": forms.Textarea(attrs={"rows": 6, "maxlength": 800})}
