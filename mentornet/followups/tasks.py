"""Background work for follow-up: rendering the PDF documents."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from mentornet.followups.models import Document
from mentornet.followups.services import document_render


@task()
def render_document(*, document_id: int) -> None:
    document = Document.objects.filter(pk=document_id, state=Document.State.PENDING).first()
    if document is not None:
        with translation.override("da"):
            document_render(document)
