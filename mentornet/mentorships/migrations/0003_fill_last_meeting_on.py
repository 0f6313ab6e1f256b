"""Fill ``Mentorship.last_meeting_on`` from the meetings already logged."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Mentorship = apps.get_model("mentorships", "Mentorship")
    Meeting = apps.get_model("mentorships", "Meeting")
    newest = Meeting.objects.filter(mentorship=OuterRef("pk")).order_by("-date").values("date")[:1]
    Mentorship.objects.update(last_meeting_on=Subquery(newest))


class Migration(migrations.Migration):
    dependencies = [("mentorships", "0002_last_meeting_on")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
