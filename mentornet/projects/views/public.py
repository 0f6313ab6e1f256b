"""The public project bank: no login, published projects only, query results cached per public version."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mentornet.core.views import lazy_context
from mentornet.projects import selectors
from mentornet.projects.budget import summarise
from mentornet.projects.forms import SearchForm
from mentornet.projects.programme import programme_figures
from mentornet.projects.reference import published_area_rows, reference_data

PER_PAGE = 20


# The search and the project page cache their rendered content (``{% cache %}`` keyed by ``public_version``, the
# query and the language); what is behind it is only worked out, lazily, when it is not in the cache.


def project_search(request: HttpRequest) -> HttpResponse:
    def build() -> dict[str, Any]:
        form = SearchForm(request.GET)
        filters = form.cleaned_data if form.is_valid() else {}
        page = Paginator(selectors.search_ids(filters), PER_PAGE).get_page(request.GET.get("side"))
        query = request.GET.copy()
        query.pop("side", None)
        projects = selectors.projects_by_ids(list(page.object_list))
        return {"form": form, "page": page, "projects": projects, "query": query.urlencode()}

    context = lazy_context(build, "form", "page", "projects", "query")
    context |= {"version": selectors.public_version(), "asked": request.GET.urlencode()}
    return render(request, "projects/project_search.html", context)


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    shown = selectors.public_project_head(project_id)
    if shown is None:
        raise Http404

    def build() -> dict[str, Any]:
        project = selectors.get_public_project(project_id)
        return {
            "project": project,
            "budget": summarise(project.budget_lines.all()),
            "figures": programme_figures(project),
            "events": selectors.upcoming_events(project, timezone.now()),
        }

    context = lazy_context(build, "project", "budget", "figures", "events")
    context |= {"shown": shown, "version": selectors.public_version()}
    return render(request, "projects/project_detail.html", context)


def project_statistics(request: HttpRequest) -> HttpResponse:
    years = selectors.budget_years()
    asked = request.GET.get("aar", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else (years[0] if years else timezone.now().year)
    context = {
        "statistics": selectors.area_statistics(year),
        "years": years,
        "published": reference_data(),
        "published_rows": published_area_rows(),
    }
    return render(request, "projects/project_statistics.html", context)
