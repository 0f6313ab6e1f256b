from __future__ import annotations

from typing import Any

import pytest

from mentornet.barometer.models import Indicator
from mentornet.barometer.services import reference_load


@pytest.fixture
def kk(world: Any) -> Any:
    """Ishøj Kommune (the world's municipality) with the 2007 barometer loaded."""
    reference_load(municipality=world.ishoj)
    return world.ishoj


def indicator(municipality: Any, area: str, number: int) -> Indicator:
    return Indicator.objects.get(municipality=municipality, area=area, number=number)
