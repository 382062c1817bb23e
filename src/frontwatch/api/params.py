"""Query parameters a route does not take are an error, not silently ignored.

``/api/events?type=Battles`` used to answer every event, as if the filter had applied. Now it answers 422 naming
the parameter and the nearest one the route takes: "unknown parameter 'type'; did you mean 'event_type'?".
"""

from __future__ import annotations

from difflib import get_close_matches

from fastapi import HTTPException, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

MIN_ABBREVIATION = 3  # "doc" for "document"; "d" abbreviates too much to guess from
SIMILAR = 0.6  # difflib ratio above which a name is offered as the one meant ("evnt_type" -> "event_type")


def nearest(name: str, known: list[str]) -> str | None:
    """The known parameter a caller most likely meant: one that contains the name as a word ("type" ->
    "event_type"), one that abbreviates it or that it abbreviates ("document" -> "doc"), else the most similar
    spelling."""
    lowered = name.lower()
    for candidate in known:
        if lowered in candidate.split("_"):
            return candidate
    for candidate in known:
        short, long = sorted((candidate, lowered), key=len)
        if len(short) >= MIN_ABBREVIATION and long.startswith(short):
            return candidate
    found = get_close_matches(lowered, known, n=1, cutoff=SIMILAR)
    return found[0] if found else None


def query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= query_names(sub)
    return names


def reject_unknown_parameters(request: Request) -> None:
    """An app-wide dependency: 422 for the first query parameter the matched route does not declare."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return  # a page (the map at /, /docs) opens from links as shared, "?utm_source=..." and all
    known = sorted(query_names(route.dependant))
    for name in request.query_params:
        if name in known:
            continue
        guess = nearest(name, known)
        if guess:
            hint = f"; did you mean {guess!r}?"
        elif known:
            hint = f" (this endpoint takes {', '.join(known)})"
        else:
            hint = " (this endpoint takes no query parameters)"
        raise HTTPException(status_code=422, detail=f"unknown parameter {name!r}{hint}")
