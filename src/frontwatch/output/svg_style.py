"""What the report's SVG figures share: one colour per ACLED event type, escaping and number formatting."""

from __future__ import annotations

import html

# One colour per ACLED event type (ColorBrewer Set1/Dark2 hues, readable in print and by most colour-blind readers),
# the same in the map and the chart.
EVENT_COLORS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#ff7f00",
    "Violence against civilians": "#6a3d9a",
    "Protests": "#1f78b4",
    "Riots": "#33a02c",
    "Strategic developments": "#737373",
}
OTHER_COLOR = "#000000"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def num(value: float) -> str:
    """A coordinate with one decimal and no trailing zeros: small files, the same bytes on every platform."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text
