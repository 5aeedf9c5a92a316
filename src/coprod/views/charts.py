"""The report's charts as inline SVG: no script, no outside asset, no plotting library.

Each function takes the ledger's plain data and returns one `<svg role="img">` string with a
`<title>` and an `aria-label`; no data gives a short "no data" SVG, never an error. Every
text from the ledger is escaped here (`_esc`), which is why the template may embed these
strings as they are. A mark links to its source only when the URL is http(s).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlsplit

from markupsafe import escape

from coprod.model import STAGES
from coprod.views.programmes import UNSTATED, Event, PipelineCell, ProgrammeYear
from coprod.views.scoreboard import GOAL_PCT, Scoreboard

LINKABLE = ("http", "https")  # the only URL schemes a chart or the page links to
WIDTH = 760  # every chart's width in px; the page scales it down on narrow screens
LEFT = 70  # room for a partner code or a year left of the plot
RIGHT = 150  # room for the value label right of the longest bar
PLOT = WIDTH - LEFT - RIGHT  # the plot's width
ROW = 24  # one bar's row
TOP = 34  # room above the bars for the goal line's label
LANE = 44  # one event type's lane on the timeline: room for marks stacked on one day
AXIS = 30  # room below the bars for the axis's ticks
NICE = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)  # axis ends and steps, times a power of 10
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
TYPE_COLOURS = {
    "commitment": "#1f6fb2",
    "agreement": "#2b8a3e",
    "gdp_pledge": "#c2410c",
    "target": "#7b3fa0",
}
OTHER_COLOUR = "#6b6b6b"  # a type the legend does not know
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def href(url: str | None) -> str | None:
    """`url` when it is safe to link to, else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    return url if scheme in LINKABLE else None


def _esc(value: object) -> str:
    """Text or attribute value, escaped for XML and HTML alike (& < > " ')."""
    return str(escape(str(value)))


def _num(value: float) -> str:
    """A coordinate, short: '12.5', '300'."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(height: float, title: str, body: list[str]) -> str:
    head = (
        f'<svg class="chart" role="img" aria-label="{_esc(title)}" width="{WIDTH}" '
        f'height="{_num(height)}" viewBox="0 0 {WIDTH} {_num(height)}" {FONT}>'
    )
    return "\n".join([head, f"<title>{_esc(title)}</title>", *body, "</svg>"])


def _text(x: float, y: float, text: str, extra: str = "") -> str:
    attrs = f" {extra}" if extra else ""
    return f'<text x="{_num(x)}" y="{_num(y)}"{attrs}>{_esc(text)}</text>'


def no_data(title: str) -> str:
    """A small SVG that says there is nothing to draw yet."""
    return _svg(40, f"{title}: no data", [_text(10, 24, "No data yet.", 'fill="#555"')])


def axis_end(top: float) -> float:
    """The first 'nice' number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above `top`."""
    if top <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(top))
    return next(m * power for m in NICE if m * power >= top * (1 - 1e-9))


def _ticks(end: float) -> list[float]:
    step = axis_end(end / 6)
    count = round(end / step)
    return [i * step for i in range(count + 1) if i * step <= end * (1 + 1e-9)]


def _x(value: float, end: float) -> float:
    return LEFT + PLOT * value / end


def _axis(end: float, y: float, fmt: str) -> list[str]:
    """A horizontal axis at `y` from 0 to `end`, its ticks labelled with `fmt`."""
    out = [f'<line x1="{LEFT}" y1="{_num(y)}" x2="{LEFT + PLOT}" y2="{_num(y)}" stroke="#999"/>']
    for tick in _ticks(end):
        x = _x(tick, end)
        out.append(
            f'<line x1="{_num(x)}" y1="{_num(y)}" x2="{_num(x)}" y2="{_num(y + 4)}" stroke="#999"/>'
        )
        out.append(_text(x, y + 16, fmt.format(tick), 'text-anchor="middle" fill="#555"'))
    return out


# -- where partners stand against 0.25% of GDP --------------------------------------------


def share_scale(shares: Sequence[float], goal: float = GOAL_PCT) -> float:
    """The scoreboard axis's end: a nice number past the goal and past the longest bar."""
    return axis_end(max([goal, *shares]) * 1.1)


def scoreboard_chart(board: Scoreboard) -> str:
    """One bar per partner with a GDP share, against a labelled line at the goal."""
    title = "Counted money as a share of each partner's GDP, against 0.25% of GDP"
    rows = [r for r in board.rows if r.gdp_share_pct is not None]
    if not rows:
        return no_data(title)
    goal = board.goal_pct
    end = share_scale([r.gdp_share_pct or 0.0 for r in rows], goal)
    bottom = TOP + ROW * len(rows)
    body = [
        _bar_row(i, r.partner, r.gdp_share_pct or 0.0, r.share_year, end)
        for i, r in enumerate(rows)
    ]
    body += _axis(end, bottom + 4, "{:g}%")
    body += _goal_line(goal, end, bottom)
    return _svg(bottom + AXIS, title, body)


def _bar_row(i: int, partner: str, pct: float, year: int | None, end: float) -> str:
    y = TOP + ROW * i
    width = max(PLOT * pct / end, 1.0)  # a tiny share stays visible
    tip = f"{partner}: {_pct(pct)} of GDP, money of {year}"
    return "\n".join(
        [
            f'<g class="bar"><title>{_esc(tip)}</title>',
            _text(LEFT - 8, y + 15, partner, 'text-anchor="end" font-weight="600"'),
            f'<rect x="{LEFT}" y="{_num(y + 4)}" width="{_num(width)}" height="{ROW - 8}" '
            'fill="#1f6fb2"/>',
            _text(LEFT + width + 6, y + 15, _pct(pct), 'fill="#222"'),
            "</g>",
        ]
    )


def _goal_line(goal: float, end: float, bottom: float) -> list[str]:
    x = _num(_x(goal, end))
    label = f"{goal:g}% of GDP"
    return [
        f'<g class="goal"><title>{_esc("Goal: " + label + " a year")}</title>',
        f'<line class="goal-line" x1="{x}" y1="{TOP - 8}" x2="{x}" y2="{_num(bottom + 4)}" '
        'stroke="#c2410c" stroke-width="2" stroke-dasharray="5 3"/>',
        _text(float(x), TOP - 14, label, 'text-anchor="middle" fill="#c2410c" font-weight="600"'),
        "</g>",
    ]


def _pct(value: float) -> str:
    return f"{value:.3g}%"


# -- the Danish model against Ukraine's goal ----------------------------------------------


def danish_model_chart(years: Sequence[ProgrammeYear]) -> str:
    """Per year, counted USD as a bar, and Ukraine's goal as a marker where one is stated."""
    title = "Danish model: counted USD per year against Ukraine's goal"
    if not years:
        return no_data(title)
    top = max(max(y.usd, y.goal_usd or 0.0) for y in years)
    end = axis_end(top * 1.05 / 1e6) * 1e6
    body: list[str] = []
    for i, year in enumerate(years):
        body += _programme_row(i, year, end)
    bottom = TOP + ROW * 1.5 * len(years)
    body += _axis(end / 1e6, bottom + 4, "{:,.0f}")
    body.append(_text(LEFT - 8, bottom + 20, "USD m", 'text-anchor="end" fill="#555"'))
    return _svg(bottom + AXIS, title, body)


def _programme_row(i: int, year: ProgrammeYear, end: float) -> list[str]:
    y = TOP + ROW * 1.5 * i
    name = str(year.year) if year.year is not None else "year unstated"
    width = max(PLOT * year.usd / end, 1.0)
    label = f"USD {year.usd / 1e6:,.0f} m"
    if year.goal_pct is not None:
        label += f" ({year.goal_pct:,.0f}% of goal)"
    out = [
        f"<g><title>{_esc(f'{name}: {label}, {year.entries} entries')}</title>",
        _text(LEFT - 8, y + 17, name, 'text-anchor="end" font-weight="600"'),
        f'<rect x="{LEFT}" y="{_num(y + 4)}" width="{_num(width)}" height="{ROW - 6}" '
        'fill="#1f6fb2"/>',
        _text(LEFT + width + 6, y + 17, label, 'fill="#222"'),
        "</g>",
    ]
    if year.goal_usd:
        out += _goal_marker(_x(year.goal_usd, end), y, year.goal_usd)
    return out


def _goal_marker(x: float, y: float, goal_usd: float) -> list[str]:
    tip = f"Ukraine's goal: USD {goal_usd / 1e6:,.0f} m"
    return [
        f'<g class="goal"><title>{_esc(tip)}</title>',
        f'<line x1="{_num(x)}" y1="{_num(y)}" x2="{_num(x)}" y2="{_num(y + ROW + 2)}" '
        'stroke="#c2410c" stroke-width="3"/>',
        _text(x, y - 3, "goal", 'text-anchor="middle" fill="#c2410c" font-size="11"'),
        "</g>",
    ]


# -- the co-production pipeline ------------------------------------------------------------


def pipeline_chart(cells: Sequence[PipelineCell]) -> str:
    """Stages as columns, planned to operational then unstated; in each, hosts with counts."""
    title = "Co-production agreements by stage and host country"
    if not cells:
        return no_data(title)
    stages = [*STAGES, UNSTATED]
    column = WIDTH / len(stages)
    most = max(len(c.entries) for c in cells)
    body: list[str] = []
    depth = 0
    for i, stage in enumerate(stages):
        inside = [c for c in cells if c.stage == stage]
        depth = max(depth, len(inside))
        body += _stage_column(i * column, column, stage, inside, most)
    return _svg(50 + ROW * max(depth, 1) + 10, title, body)


def _stage_column(
    x: float, width: float, stage: str, cells: Sequence[PipelineCell], most: int
) -> list[str]:
    total = sum(len(c.entries) for c in cells)
    arrow = " →" if stage not in (STAGES[-1], UNSTATED) else ""
    out = [
        f'<rect x="{_num(x + 2)}" y="4" width="{_num(width - 4)}" height="36" fill="#f3f3f3"/>',
        _text(x + width / 2, 19, stage + arrow, 'text-anchor="middle" font-weight="600"'),
        _text(
            x + width / 2,
            34,
            f"{total} agreement{'' if total == 1 else 's'}",
            'text-anchor="middle" fill="#555"',
        ),
    ]
    for j, cell in enumerate(cells):
        y = 48 + ROW * j
        count = len(cell.entries)
        bar = (width - 12) * count / most
        tip = f"{stage}, host {cell.host}: {count}"
        out += [
            f"<g><title>{_esc(tip)}</title>",
            f'<rect x="{_num(x + 6)}" y="{_num(y)}" width="{_num(bar)}" height="{ROW - 6}" '
            'fill="#cfe0f1"/>',
            _text(x + 10, y + 13, f"{cell.host} {count}"),
            "</g>",
        ]
    return out


# -- the timeline --------------------------------------------------------------------------


def _day(text: str) -> date | None:
    """'2025', '2025-03' or '2025-03-04' as a day (a year or month: its first day)."""
    parts = text[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def _when(day: date, start: date, end: date) -> float:
    """A day's x on the time axis, which runs from `start` to `end` across the chart."""
    return LEFT + (WIDTH - LEFT - 30) * (day - start).days / (end - start).days


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def timeline_chart(events: Sequence[Event]) -> str:
    """Each dated step as a mark on a time axis with months labelled, coloured by type."""
    title = "Timeline of reported steps, coloured by type"
    dated = [(day, e) for e in events if (day := _day(e.date)) is not None]
    if not dated:
        return no_data(title)
    start = min(d for d, _ in dated).replace(day=1)
    end = _month_after(max(d for d, _ in dated))
    types = [t for t in TYPE_COLOURS if any(e.type == t for _, e in dated)]
    types += sorted({e.type for _, e in dated} - set(types))
    lane_y = {t: TOP + 24 + LANE * i for i, t in enumerate(types)}
    bottom = TOP + 14 + LANE * len(types)
    body = _legend(types) + _months(start, end, bottom)
    taken: dict[tuple[str, int], int] = {}
    for day, event in dated:
        x = _when(day, start, end)
        stack = taken.get((event.type, round(x / 8)), 0)
        taken[(event.type, round(x / 8))] = stack + 1
        body.append(_mark(x, lane_y[event.type] - 7 * min(stack, 3), event))
    return _svg(bottom + AXIS + 8, title, body)


def _legend(types: Sequence[str]) -> list[str]:
    out = []
    for i, kind in enumerate(types):
        x = LEFT + 130 * i
        colour = TYPE_COLOURS.get(kind, OTHER_COLOUR)
        out.append(f'<circle cx="{x}" cy="14" r="5" fill="{colour}"/>')
        out.append(_text(x + 9, 18, kind.replace("_", " ")))
    return out


def _months(start: date, end: date, y: float) -> list[str]:
    """The time axis: a tick at each month's start, labels spaced to fit."""
    months = []
    day = start
    while day <= end:
        months.append(day)
        day = _month_after(day)
    every = next(n for n in (1, 2, 3, 6, 12, 24) if len(months) / n <= 12)
    out = [f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - 30}" y2="{y}" stroke="#999"/>']
    for i, month in enumerate(months):
        x = _num(_when(month, start, end))
        out.append(f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 4}" stroke="#999"/>')
        if i % every == 0:
            name = MONTHS[month.month - 1]
            label = f"{name} {month.year}" if i == 0 or month.month <= every else name
            out.append(_text(float(x), y + 16, label, 'text-anchor="middle" fill="#555"'))
    return out


def _mark(x: float, y: float, event: Event) -> str:
    colour = TYPE_COLOURS.get(event.type, OTHER_COLOUR)
    who = ", ".join(event.partners)
    tip = f"{event.date} · {who} · {event.label}" if who else f"{event.date} · {event.label}"
    mark = (
        f'<circle cx="{_num(x)}" cy="{_num(y)}" r="6" fill="{colour}" fill-opacity="0.8" '
        f'stroke="#fff"><title>{_esc(tip)}</title></circle>'
    )
    link = href(event.url)
    return f'<a href="{_esc(link)}">{mark}</a>' if link else mark
