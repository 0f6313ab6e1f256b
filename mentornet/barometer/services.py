"""Every write to the barometer: reference data, measurements (one by one or uploaded), new definitions.

Each write touches the indicators' ``updated_at``, the key of the public pages' cache (see selectors)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.barometer.models import Indicator, IndicatorVersion, Measurement
from mentornet.core import stamps
from mentornet.core.services import audit_log
from mentornet.organisations.models import Organisation

REFERENCE_FILE = Path(__file__).parent / "data" / "startmaaling_2007.json"


@dataclass(frozen=True)
class MeasurementInput:
    indicator: Indicator
    date: datetime.date
    value: Decimal
    period_label: str = ""
    comparator_value: Decimal | None = None
    demo: bool = False


def version_for(versions: Sequence[IndicatorVersion], date: datetime.date) -> IndicatorVersion:
    """The definition in force on the date: the latest valid from then or before, else the first one."""
    ordered = sorted(versions, key=lambda version: version.valid_from)
    in_force = [version for version in ordered if version.valid_from <= date]
    return in_force[-1] if in_force else ordered[0]


def _touch(indicator_ids: Iterable[int]) -> None:
    Indicator.objects.filter(pk__in=set(indicator_ids)).update(updated_at=timezone.now())
    stamps.forget_stamp("barometer")


def _build(actor: User | None, data: MeasurementInput, versions: Sequence[IndicatorVersion]) -> Measurement:
    measurement = Measurement(
        indicator=data.indicator,
        version=version_for(versions, data.date),
        date=data.date,
        period_label=data.period_label,
        value=data.value,
        comparator_value=data.comparator_value,
        demo=data.demo,
        entered_by=actor,
    )
    measurement.full_clean()
    return measurement


def measurement_create(*, actor: User | None, data: MeasurementInput) -> Measurement:
    """Record one measurement under the definition in force on its date."""
    with transaction.atomic():
        measurement = _build(actor, data, list(data.indicator.versions.all()))
        measurement.save()
        _touch([data.indicator.pk])
        audit_log(
            actor=actor,
            action="barometer.measurement_create",
            target=measurement,
            organisation=data.indicator.municipality,
            changes={"date": data.date.isoformat(), "value": str(data.value), "version": measurement.version_id},
        )
    return measurement


def measurements_import(
    *, actor: User | None, municipality: Organisation, rows: Sequence[tuple[int, MeasurementInput]]
) -> list[Measurement]:
    """Save every row or none: a row that fails raises a ValidationError naming its row number."""
    with transaction.atomic():
        versions: dict[int, list[IndicatorVersion]] = {}
        for version in IndicatorVersion.objects.filter(indicator__municipality=municipality):
            versions.setdefault(version.indicator_id, []).append(version)
        built: list[Measurement] = []
        errors: list[str] = []
        seen: set[tuple[int, datetime.date]] = set()
        for number, data in rows:
            if data.indicator.municipality_id != municipality.pk:
                raise ValidationError(_("The file names an indicator of another municipality."))
            key = (data.indicator.pk, data.date)
            try:
                if key in seen:
                    raise ValidationError(_("The file has this measurement twice."))
                seen.add(key)
                built.append(_build(actor, data, versions[data.indicator.pk]))
            except ValidationError as error:
                errors.extend(_("Row %(row)s: %(error)s") % {"row": number, "error": text} for text in error.messages)
        if errors:
            raise ValidationError(errors)
        saved = Measurement.objects.bulk_create(built)
        _touch(measurement.indicator_id for measurement in saved)
        audit_log(
            actor=actor,
            action="barometer.measurements_import",
            organisation=municipality,
            changes={"measurements": len(saved)},
        )
    return saved


def indicator_version_create(*, actor: User | None, indicator: Indicator, data: dict[str, Any]) -> IndicatorVersion:
    """A new definition or success criterion from a date on; every measurement keeps the version it was made
    under (later measurements are made under the new one).

    The date may not lie before the definition in force today (that would rewrite the past), nor on another
    version's date."""
    with transaction.atomic():
        versions = list(IndicatorVersion.objects.select_for_update().filter(indicator=indicator))
        valid_from: datetime.date = data["valid_from"]
        try:
            check_valid_from(versions, valid_from)
        except ValidationError as error:
            raise ValidationError({"valid_from": error}) from None
        version = IndicatorVersion(indicator=indicator, **data)
        version.full_clean()
        version.save()
        _touch([indicator.pk])
        previous = version_for(versions, valid_from) if versions else None
        changed = [
            name for name in data if previous and name not in _NOT_COMPARED and getattr(previous, name) != data[name]
        ]
        audit_log(
            actor=actor,
            action="barometer.version_create",
            target=indicator,
            organisation=indicator.municipality,
            changes={
                "valid_from": valid_from.isoformat(),
                "changed": sorted(changed),
                "note": version.change_note,
            },
        )
    return version


_NOT_COMPARED = ("valid_from", "change_note")


def check_valid_from(versions: Sequence[IndicatorVersion], valid_from: datetime.date) -> None:
    """Refuse a new definition's date before the definition in force today, or on another definition's date."""
    if any(version.valid_from == valid_from for version in versions):
        message = _("There is already a definition valid from %(date)s. Choose another date.")
        raise ValidationError(message % {"date": date_format(valid_from, "SHORT_DATE_FORMAT")})
    if versions and valid_from < (current := version_for(versions, timezone.localdate())).valid_from:
        message = _(
            "The new definition must be valid from a date after %(date)s, when the definition in force today "
            "took effect."
        )
        raise ValidationError(message % {"date": date_format(current.valid_from, "SHORT_DATE_FORMAT")})


def reference_load(*, municipality: Organisation, path: Path = REFERENCE_FILE) -> list[Indicator]:
    """Load the 2007 startmåling (Københavns Kommune's first barometer) for the municipality."""
    document = json.loads(path.read_text(encoding="utf-8"))
    indicators: list[Indicator] = []
    with transaction.atomic():
        for row in document["indicators"]:
            indicator = Indicator.objects.create(
                municipality=municipality, area=row["area"], number=row["number"], name=row["name"]
            )
            for fields in row["versions"]:
                version = IndicatorVersion(indicator=indicator, **_version_fields(fields))
                version.full_clean()
                version.save()
            indicators.append(indicator)
        audit_log(
            actor=None,
            action="barometer.reference_load",
            organisation=municipality,
            changes={"indicators": len(indicators), "source": document["source"]},
        )
    return indicators


def _version_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for name in ("baseline_value", "baseline_comparator", "target_value"):
        out[name] = None if out.get(name) is None else Decimal(str(out[name]))
    for name in ("valid_from", "baseline_date", "target_date"):
        out[name] = datetime.date.fromisoformat(out[name]) if out.get(name) else None
    return out
