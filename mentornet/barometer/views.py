from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mentornet.barometer import selectors
from mentornet.barometer.forms import MeasurementForm, UploadForm, VersionForm, version_initial
from mentornet.barometer.importing import read_upload
from mentornet.barometer.models import Area, Indicator
from mentornet.barometer.services import (
    MeasurementInput,
    indicator_version_create,
    measurement_create,
    measurements_import,
    version_for,
)
from mentornet.barometer.status import RULES
from mentornet.core.exports import export_response
from mentornet.core.http import AuthedRequest, PublicRequest
from mentornet.core.views import handle_form
from mentornet.people.spreadsheets import ImportFileError

SESSION_KEY = "barometer_upload"


# The public pages cache their rendered content (``{% cache %}`` keyed by ``public_stamp`` and the language): the
# figures behind it are only worked out, lazily, when that content is not in the cache.


@require_GET
def summary(request: PublicRequest) -> HttpResponse:
    context = {"groups": SimpleLazyObject(selectors.public_summary), "stamp": selectors.public_stamp()}
    return render(request, "barometer/summary.html", context)


@require_GET
def area(request: PublicRequest, area: str) -> HttpResponse:
    if area not in Area.values:
        raise Http404
    groups = SimpleLazyObject(lambda: selectors.public_area(area))
    context = {"groups": groups, "area": Area(area), "rules": RULES, "stamp": selectors.public_stamp()}
    return render(request, "barometer/area.html", context)


@require_GET
def indicator(request: PublicRequest, indicator_id: int) -> HttpResponse:
    found = selectors.public_indicator_head(indicator_id)
    if found is None:
        raise Http404
    context = {
        "indicator": found,
        "view": SimpleLazyObject(lambda: selectors.public_indicator(indicator_id)),
        "rules": RULES,
        "can_enter": selectors.can_enter(request.user, found),
        "stamp": selectors.public_stamp(),
    }
    return render(request, "barometer/indicator.html", context)


@require_GET
def indicator_data(request: PublicRequest, indicator_id: int, data_format: str) -> HttpResponse:
    """The indicator's series as open data: the baselines and every measurement, with the definition each used."""
    if data_format not in ("csv", "json"):
        raise Http404
    view = selectors.public_indicator(indicator_id)
    item = view.indicator
    rows: list[dict[str, Any]] = [
        {
            "area": item.area,
            "number": item.number,
            "indicator": item.name,
            "kind": "baseline" if row.is_baseline else "measurement",
            "date": row.date.isoformat() if row.date else None,
            "period": row.label,
            "value": row.number,
            "unit": row.version.unit,
            "comparator_value": row.comparator_number,
            "comparator_group": row.version.comparator_label or "etniske danskere",
            "definition_valid_from": row.version.valid_from.isoformat(),
            "demo": row.demo,
        }
        for row in view.rows
    ]
    stem = f"barometer-{item.area}-{item.number}"
    if data_format == "json":
        payload = [{**r, "value": _plain(r["value"]), "comparator_value": _plain(r["comparator_value"])} for r in rows]
        response = JsonResponse({"indicator": item.name, "rows": payload}, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'inline; filename="{stem}.json"'
        return response
    headers = list(rows[0]) if rows else ["area", "number", "indicator"]
    return export_response("csv", stem, headers, [list(r.values()) for r in rows], sheet_title=stem)


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


@login_required
def manage(request: AuthedRequest, municipality_id: int) -> HttpResponse:
    municipality = selectors.get_municipality_for_analyst(request.user, municipality_id)
    views = selectors.indicators_for_entry(municipality)
    return render(request, "barometer/manage.html", {"municipality": municipality, "views": views})


@login_required
def measurement_create_view(request: AuthedRequest, indicator_id: int) -> HttpResponse:
    item = selectors.get_indicator_for_analyst(request.user, indicator_id)
    form = MeasurementForm(request.POST or None, indicator=item)
    saved = handle_form(
        request,
        form,
        lambda data: measurement_create(actor=request.user, data=_input(item, data)),
        _("The measurement has been saved."),
    )
    if saved is not None:
        return redirect("barometer:indicator", item.pk)
    return render(request, "barometer/measurement_form.html", {"indicator": item, "form": form})


@login_required
def version_create_view(request: AuthedRequest, indicator_id: int) -> HttpResponse:
    """A new definition or success criterion, starting from the one in force today."""
    item = selectors.get_indicator_for_analyst(request.user, indicator_id)
    versions = list(item.versions.all())
    current = version_for(versions, timezone.localdate()) if versions else None
    form = VersionForm(request.POST or None, initial=version_initial(current) if current else None, versions=versions)
    saved = handle_form(
        request,
        form,
        lambda data: indicator_version_create(actor=request.user, indicator=item, data=data),
        _("The new definition has been saved."),
    )
    if saved is not None:
        return redirect("barometer:indicator", item.pk)
    return render(request, "barometer/version_form.html", {"indicator": item, "form": form, "current": current})


def _input(item: Indicator, data: dict[str, Any]) -> MeasurementInput:
    return MeasurementInput(
        indicator=item,
        date=data["date"],
        value=data["value"],
        period_label=data["period_label"],
        comparator_value=data["comparator_value"],
    )


@login_required
def upload(request: AuthedRequest, municipality_id: int) -> HttpResponse:
    """Dry run first (a row report, nothing saved), then commit every row or none."""
    municipality = selectors.get_municipality_for_analyst(request.user, municipality_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"municipality": municipality, "form": form}
    if request.method == "POST" and request.POST.get("action") == "commit":
        pending = request.session.get(SESSION_KEY, {})
        if pending.get("municipality") != municipality.pk:
            messages.error(request, _("Upload the file again: the dry run has expired."))
            return redirect("barometer:upload", municipality.pk)
        try:
            saved = measurements_import(actor=request.user, municipality=municipality, rows=_pending(pending))
        except ValidationError as error:
            context["commit_errors"] = error.messages
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("%(count)s measurements have been saved.") % {"count": len(saved)})
            return redirect("barometer:manage", municipality.pk)
    elif request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            rows = read_upload(file.read(), file.name, municipality)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            context["rows"] = rows
            context["ready"] = bool(rows) and not any(row.errors for row in rows)
            if context["ready"]:
                request.session[SESSION_KEY] = _remember(municipality.pk, rows)
    return render(request, "barometer/upload.html", context)


def _remember(municipality_id: int, rows: list[Any]) -> dict[str, Any]:
    return {
        "municipality": municipality_id,
        "rows": [
            {
                "row": row.number,
                "indicator": row.data.indicator.pk,
                "date": row.data.date.isoformat(),
                "value": str(row.data.value),
                "period": row.data.period_label,
                "comparator": None if row.data.comparator_value is None else str(row.data.comparator_value),
            }
            for row in rows
        ],
    }


def _pending(pending: dict[str, Any]) -> list[tuple[int, MeasurementInput]]:
    indicators = Indicator.objects.select_related("municipality").in_bulk({row["indicator"] for row in pending["rows"]})
    return [
        (
            row["row"],
            MeasurementInput(
                indicator=indicators[row["indicator"]],
                date=datetime.date.fromisoformat(row["date"]),
                value=Decimal(row["value"]),
                period_label=row["period"],
                comparator_value=None if row["comparator"] is None else Decimal(row["comparator"]),
            ),
        )
        for row in pending["rows"]
    ]
