"""The on-time chart of /rekap and `rekap chart`: one row per team, one cell per ended
period (oldest on the left), coloured by the share of reports sent on time and labelled
with the period and the percentage. Teams keep their own cadence, so each cell names its
own period. Drawn with matplotlib's Agg backend (no display) into PNG bytes; callers run
it in a worker thread (asyncio.to_thread), drawing takes a few hundred milliseconds."""
from __future__ import annotations

import html
import io

from handlers.reports.recap_export import OnTime

MAX_TEAMS = 40  # a taller picture is unreadable on a phone
NAME_WIDTH = 28


def _short(name: str) -> str:
    if len(name) <= NAME_WIDTH:
        return name
    cut = name[:NAME_WIDTH - 1].rsplit(" ", 1)[0] or name[:NAME_WIDTH - 1]
    return cut + "…"


def chart_png(history: list[list[OnTime]], title: str, no_data: str, legend: str) -> bytes:
    from matplotlib.figure import Figure  # not pyplot: no global state shared between threads; PNG is Agg

    rows = [h for h in history if h][:MAX_TEAMS]
    columns = max((len(h) for h in rows), default=1)
    fig = Figure(figsize=(2.2 + 1.6 * columns, 1.2 + 0.55 * max(len(rows), 1)), dpi=110)
    ax = fig.add_subplot()
    grid = [[float("nan")] * columns for _ in rows]
    for y, history_row in enumerate(rows):
        offset = columns - len(history_row)  # right-aligned: the latest period is always the last column
        for x, cell in enumerate(history_row):
            rate = cell.rate
            grid[y][x + offset] = float("nan") if rate is None else rate * 100
            label = f"{cell.period_key}\n{'—' if rate is None else f'{rate:.0%}'}"
            ax.text(x + offset, y, label, ha="center", va="center", fontsize=8)
    if rows:
        image = ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=100, aspect="auto")
        fig.colorbar(image, ax=ax, label=legend, fraction=0.04)
    else:
        ax.text(0.5, 0.5, no_data, ha="center", va="center", transform=ax.transAxes)
    ax.set_yticks(range(len(rows)), [_short(h[0].team) for h in rows], fontsize=8)
    ax.set_xticks([])
    ax.set_title(html.unescape(title), fontsize=10)  # a translated text: names came HTML-escaped
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
