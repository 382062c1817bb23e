"""Loading the gazetteer cache leaves the process as it found it."""

from __future__ import annotations

import gc

from frontwatch import gazetteer


def test_loading_the_gazetteer_turns_the_garbage_collector_back_on() -> None:
    gazetteer.load.cache_clear()
    try:
        assert gazetteer.load().entries
        assert gc.isenabled()
        gc.disable()
        gazetteer.load.cache_clear()
        assert gazetteer.load().entries
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
