"""The product's URLs plus /bench/bare/: a minimal Django page, the reference the product is measured against.

The bare view reads 20 rows from SQLite with the ORM and renders them with a plain template (no base template,
no context processors). It is served by the same gunicorn and still passes through the product's middleware.
"""

from django.contrib.auth.models import Permission
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path
from django.views import defaults

from mentornet import urls as product

BARE_TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bare</title></head>
<body>
<table>
<thead><tr><th>Id</th><th>Code</th><th>Name</th></tr></thead>
<tbody>
{% for row in rows %}<tr><td>{{ row.id }}</td><td>{{ row.codename }}</td><td>{{ row.name }}</td></tr>
{% endfor %}</tbody>
</table>
</body>
</html>
"""
)


def bare(request: HttpRequest) -> HttpResponse:
    rows = list(Permission.objects.order_by("pk").values("id", "codename", "name")[:20])
    return HttpResponse(BARE_TEMPLATE.render({"rows": rows}))


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include(product)),
]

# The product's error pages, as in mentornet.urls.
handler400 = getattr(product, "handler400", defaults.bad_request)
handler403 = getattr(product, "handler403", defaults.permission_denied)
handler404 = getattr(product, "handler404", defaults.page_not_found)
handler500 = getattr(product, "handler500", defaults.server_error)
