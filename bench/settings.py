"""Settings for the benchmark: the product's settings, plus a bench-only URLconf with a bare reference page.

Everything else (middleware, templates, database options) is the product's own, so the comparison is honest.
"""

from mentornet.settings import *  # noqa: F403
from mentornet.settings import BASE_DIR

ROOT_URLCONF = "bench.urls"
# Static files are not measured; an empty directory keeps WhiteNoise from warning about a missing STATIC_ROOT.
STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"
