"""A linked mentor programme's live headline figures for the public project page, suppressed below the threshold."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from mentornet.projects.models import Project
from mentornet.results.figures import Figure, figure
from mentornet.results.metrics import METRICS
from mentornet.results.selectors import Wanted, computed_values

#: The headline figures, this year so far.
HEADLINE = ("mentees_recruited", "mentorships_started", "mentorships_completed", "active_mentors")


@dataclass(frozen=True)
class HeadlineFigure:
    label: str
    figure: Figure


def programme_figures(project: Project) -> list[HeadlineFigure]:
    """This year's headline figures of the project's programme (cached by the results app); [] without one.

    The page is public, so every figure about people is hidden below the stricter of the municipality's and the
    programme organisation's small-cell threshold."""
    programme = project.programme
    if programme is None:
        return []
    today = timezone.localdate()
    start = datetime.date(today.year, 1, 1)
    threshold = max(project.municipality.suppression_threshold, programme.branch.organisation.suppression_threshold)
    wanted = {key: Wanted(key, start, today) for key in HEADLINE}
    values = computed_values([programme], wanted.values())
    return [
        HeadlineFigure(
            label=str(METRICS[key].label),
            figure=figure(METRICS[key].unit, values[w].value, suppress=METRICS[key].people, threshold=threshold),
        )
        for key, w in wanted.items()
    ]
