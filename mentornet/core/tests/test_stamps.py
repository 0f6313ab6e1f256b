"""Public data stamps: kept a few seconds per process so cached public pages need no query; a write forgets."""

from __future__ import annotations

import time_machine

from mentornet.core.stamps import STAMP_SECONDS, forget_stamp, public_stamp


def test_a_stamp_is_worked_out_once_in_a_while_and_at_once_after_a_write() -> None:
    computed: list[str] = []

    def compute() -> str:
        computed.append("x")
        return f"v{len(computed)}"

    with time_machine.travel("2026-11-24 12:00", tick=False) as clock:
        assert public_stamp("test", compute) == "v1"
        assert public_stamp("test", compute) == "v1"  # no query while it is kept
        forget_stamp("test")
        assert public_stamp("test", compute) == "v2"  # a write in this process is seen at once
        clock.shift(STAMP_SECONDS + 1)
        assert public_stamp("test", compute) == "v3"  # other processes' writes within STAMP_SECONDS
