"""One self-contained HTML page for a clinic manager: inline CSS and SVG, no script, no external URL.

Input is the dictionary of :func:`ari_triage.store.stats.compute_stats`; it holds no caller number and no
transcript, so neither can reach the page.
"""

from __future__ import annotations

import math
from datetime import datetime
from html import escape
from typing import Any

from ari_triage.store.stats import WAIT_BUCKETS, WEEKDAYS_FR

INTENT_LABELS = {
    "rdv_prise": "Prise de rendez-vous", "rdv_modif": "Modification de RDV", "rdv_annulation": "Annulation de RDV",
    "rdv_confirmation": "Confirmation de RDV", "info_pratique": "Infos pratiques", "resultats": "Résultats",
    "ordonnance": "Ordonnance", "administratif": "Administratif", "conseil_medical": "Conseil médical",
    "urgence": "Urgence", "humain": "Veut parler à quelqu'un", "reclamation": "Réclamation", "autre": "Autre",
}
OUTCOME_LABELS = {
    "route": "Passé à une file d'attente", "info": "Renseigné par l'automate", "hangup": "Raccroché après l'info",
    "callback": "Rappel programmé", "transfer": "Transféré (15, externe)", "abandoned": "Raccroché pendant l'accueil",
    "failed_over": "Secours : file par défaut",
}
OUTCOME_COLORS = {"route": "#2f6db5", "info": "#2a9d8f", "hangup": "#8ecae6", "callback": "#e9c46a",
                  "transfer": "#c0392b", "abandoned": "#e76f51", "failed_over": "#6c757d"}
RESULT_LABELS = (("answered", "Décroché", "#2a9d8f"), ("abandoned", "Abandon", "#e76f51"),
                 ("timeout", "Délai dépassé", "#f4a261"), ("other", "Autre sortie", "#adb5bd"))

CSS = """
*{box-sizing:border-box}body{margin:0;font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;background:#f3f5f8;
color:#1d2733}header{background:#1f3b57;color:#fff;padding:22px 32px}header h1{margin:0;font-size:26px}
header p{margin:6px 0 0;opacity:.85}main{padding:20px 32px;display:grid;grid-template-columns:repeat(2,1fr);gap:18px}
.cards{grid-column:1/-1;display:grid;grid-template-columns:repeat(6,1fr);gap:14px}
.card{background:#fff;border-radius:10px;padding:14px 16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card .v{font-size:28px;font-weight:bold;color:#1f3b57}.card .l{font-size:13px;color:#5b6770;margin-top:4px}
.card.alert .v{color:#c0392b}section{background:#fff;border-radius:10px;padding:16px 18px;
box-shadow:0 1px 3px rgba(0,0,0,.08)}section.wide{grid-column:1/-1}h2{font-size:17px;margin:0 0 4px;color:#1f3b57}
.note{font-size:12.5px;color:#5b6770;margin:0 0 10px}svg text{font-family:"DejaVu Sans",Arial,sans-serif}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:12.5px;margin-top:8px}
.legend span{display:inline-flex;align-items:center;gap:6px}.legend i{width:12px;height:12px;border-radius:3px;
display:inline-block}table{border-collapse:collapse;width:100%;font-size:13.5px}td,th{padding:6px 8px;
border-bottom:1px solid #e6e9ee;text-align:right}td:first-child,th:first-child{text-align:left}
footer{padding:8px 32px 24px;color:#5b6770;font-size:12px}
"""


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


def _dur(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def _card(value: str, label: str, alert: bool = False) -> str:
    return f'<div class="card{" alert" if alert else ""}"><div class="v">{escape(value)}</div>' \
           f'<div class="l">{escape(label)}</div></div>'


def _heat_color(value: int, top: int) -> str:
    if value == 0:
        return "#eef1f5"
    t = math.sqrt(value / top) if top else 0
    # from pale blue to deep navy
    r, g, b = (int(a + (c - a) * t) for a, c in zip((207, 226, 243), (18, 52, 95), strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap_svg(matrix: list[list[int]]) -> str:
    hours = [h for h in range(24) if any(row[h] for row in matrix)]
    first, last = (min(hours), max(hours)) if hours else (8, 19)
    first, last = min(first, 7), max(last, 19)
    cols = list(range(first, last + 1))
    cell_w, cell_h, left, top = 44, 30, 90, 26
    top_value = max((max(row) for row in matrix), default=0)
    width, height = left + cell_w * len(cols) + 10, top + cell_h * 7 + 10
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="Appels par heure et jour">']
    for i, hour in enumerate(cols):
        parts.append(f'<text x="{left + i * cell_w + cell_w / 2}" y="{top - 8}" font-size="12" text-anchor="middle" '
                     f'fill="#5b6770">{hour}h</text>')
    for day in range(7):
        y = top + day * cell_h
        parts.append(f'<text x="{left - 10}" y="{y + cell_h / 2 + 4}" font-size="13" text-anchor="end" '
                     f'fill="#1d2733">{WEEKDAYS_FR[day].capitalize()}</text>')
        for i, hour in enumerate(cols):
            value = matrix[day][hour]
            color = _heat_color(value, top_value)
            text_color = "#ffffff" if top_value and value / top_value > 0.35 else "#1d2733"
            parts.append(f'<rect x="{left + i * cell_w + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                         f'rx="4" fill="{color}"><title>{WEEKDAYS_FR[day]} {hour}h : {value} appels</title></rect>')
            if value:
                parts.append(f'<text x="{left + i * cell_w + cell_w / 2}" y="{y + cell_h / 2 + 4}" font-size="11.5" '
                             f'text-anchor="middle" fill="{text_color}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def hbars_svg(items: list[tuple[str, int, str]], label_width: int = 190, width: int = 560) -> str:
    """Horizontal bars: (label, value, colour)."""
    row_h = 26
    top_value = max((v for _, v, _ in items), default=0) or 1
    height = row_h * len(items) + 6
    bar_room = width - label_width - 60
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img">']
    for i, (label, value, color) in enumerate(items):
        y = i * row_h + 3
        w = max(2.0, bar_room * value / top_value) if value else 0
        parts.append(f'<text x="{label_width - 8}" y="{y + 16}" font-size="13" text-anchor="end" fill="#1d2733">'
                     f'{escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" rx="4" '
                     f'fill="{color}"/>')
        parts.append(f'<text x="{label_width + w + 6:.1f}" y="{y + 16}" font-size="12.5" fill="#1d2733">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def donut_svg(items: list[tuple[str, int, str]], size: int = 220) -> str:
    total = sum(v for _, v, _ in items)
    cx = cy = size / 2
    radius, stroke = size / 2 - 22, 34
    circumference = 2 * math.pi * radius
    parts = [f'<svg viewBox="0 0 {size} {size}" width="{size}" role="img">',
             f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="none" stroke="#eef1f5" stroke-width="{stroke}"/>']
    offset = 0.0
    for label, value, color in items:
        if not total or not value:
            continue
        length = circumference * value / total
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="none" stroke="{color}" stroke-width="{stroke}" '
                     f'stroke-dasharray="{length:.2f} {circumference - length:.2f}" '
                     f'stroke-dashoffset="{-offset:.2f}" transform="rotate(-90 {cx} {cy})">'
                     f'<title>{escape(label)} : {value}</title></circle>')
        offset += length
    parts.append(f'<text x="{cx}" y="{cy - 2}" font-size="30" font-weight="bold" text-anchor="middle" '
                 f'fill="#1f3b57">{total}</text><text x="{cx}" y="{cy + 20}" font-size="12.5" text-anchor="middle" '
                 f'fill="#5b6770">appels</text></svg>')
    return "".join(parts)


def legend(items: list[tuple[str, Any, str]]) -> str:
    return '<div class="legend">' + "".join(
        f'<span><i style="background:{color}"></i>{escape(label)} ({value})</span>' for label, value, color in items
    ) + "</div>"


def queue_bars_svg(queues: dict[str, dict[str, Any]], width: int = 560) -> str:
    label_width, row_h = 110, 34
    height = row_h * len(queues) + 6
    room = width - label_width - 20
    parts = [f'<svg viewBox="0 0 {width} {max(height, 20)}" width="100%" '
             f'role="img">']
    for i, (name, q) in enumerate(queues.items()):
        y = i * row_h + 3
        parts.append(f'<text x="{label_width - 8}" y="{y + 19}" font-size="13" text-anchor="end" fill="#1d2733">'
                     f'{escape(name)}</text>')
        ended = sum(q[key] for key, _, _ in RESULT_LABELS) or 1
        x = float(label_width)
        for key, label, color in RESULT_LABELS:
            w = room * q[key] / ended
            if w <= 0:
                continue
            parts.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" fill="{color}">'
                         f'<title>{escape(name)} – {label} : {q[key]}</title></rect>')
            if w > 34:
                parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 20}" font-size="11.5" text-anchor="middle" '
                             f'fill="#fff">{q[key] * 100 // ended} %</text>')
            x += w
    parts.append("</svg>")
    return "".join(parts)


def wait_histogram_svg(queues: dict[str, dict[str, Any]], width: int = 560, height: int = 220) -> str:
    counts = [sum(q["wait_histogram"][i] for q in queues.values()) for i in range(len(WAIT_BUCKETS) + 1)]
    labels = ["< 15 s", "15–30 s", "30 s–1 min", "1–2 min", "2–3 min", "3–5 min", "> 5 min"]
    colors = ["#2a9d8f", "#52b69a", "#99d98c", "#e9c46a", "#f4a261", "#e76f51", "#c0392b"]
    top = max(counts) or 1
    left, bottom, bar_w = 10, height - 40, (width - 20) / len(counts)
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img">']
    for i, value in enumerate(counts):
        h = (bottom - 20) * value / top
        x = left + i * bar_w
        parts.append(f'<rect x="{x + 6:.1f}" y="{bottom - h:.1f}" width="{bar_w - 12:.1f}" height="{h:.1f}" rx="4" '
                     f'fill="{colors[i]}"><title>{labels[i]} : {value}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{bottom - h - 6:.1f}" font-size="12" text-anchor="middle" '
                     f'fill="#1d2733">{value}</text>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{bottom + 18}" font-size="12" text-anchor="middle" '
                     f'fill="#5b6770">{labels[i]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def daily_svg(days: list[tuple[str, int]], width: int = 1160, height: int = 170) -> str:
    if not days:
        return '<p class="note">Aucun appel sur la période.</p>'
    top = max(v for _, v in days) or 1
    bottom, left = height - 28, 34
    step = (width - left - 10) / len(days)
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img">',
             f'<text x="{left - 6}" y="16" font-size="11" text-anchor="end" fill="#5b6770">{top}</text>',
             f'<line x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}" stroke="#ccd3db"/>']
    for i, (day, value) in enumerate(days):
        h = (bottom - 12) * value / top
        x = left + i * step
        weekend = datetime.fromisoformat(day).weekday() >= 5
        parts.append(f'<rect x="{x + 1.5:.1f}" y="{bottom - h:.1f}" width="{max(step - 3, 1):.1f}" height="{h:.1f}" '
                     f'fill="{"#9fb3c8" if weekend else "#2f6db5"}"><title>{day} : {value} appels</title></rect>')
        if len(days) <= 35 or i % 7 == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{bottom + 16}" font-size="10.5" text-anchor="middle" '
                         f'fill="#5b6770">{day[8:10]}/{day[5:7]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(stats: dict[str, Any], title: str = "Appels de la clinique", generated_at: datetime | None = None
                ) -> str:
    generated_at = generated_at or datetime.now().astimezone()
    start = datetime.fromisoformat(stats["period"]["from"])
    end = datetime.fromisoformat(stats["period"]["to"])
    allq = stats["all_queues"]
    vitale = stats["time_to_person"]["vitale"]
    urgente = stats["time_to_person"]["urgente"]
    cards = "".join((
        _card(str(stats["calls"]), "appels reçus"),
        _card(_pct(stats["automation"]["share"]), "traités entièrement par l'automate"),
        _card(_pct(allq["answered_rate"]), "décrochés en file d'attente"),
        _card(_pct(allq["abandoned_rate"]), "abandons en file d'attente",
              alert=(allq["abandoned_rate"] or 0) > 0.15),
        _card(_dur(allq["wait_avg_s"]), f"attente moyenne (9 sur 10 : moins de {_dur(allq['wait_p90_s'])})"),
        _card(_dur(vitale["avg_s"]), f"délai moyen jusqu'à une personne, urgence vitale ({vitale['calls']} appels)",
              alert=(vitale["avg_s"] or 0) > 60),
    ))
    intents = [(INTENT_LABELS.get(name, name), count, "#2f6db5" if name != "urgence" else "#c0392b")
               for name, count in stats["top_intents"][:10]]
    outcomes = [(OUTCOME_LABELS.get(name, name), count, OUTCOME_COLORS.get(name, "#6c757d"))
                for name, count in stats["outcomes"].items()]
    queue_rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{q['entries']}</td><td>{_pct(q['answered_rate'])}</td>"
        f"<td>{_pct(q['abandoned_rate'])}</td><td>{_dur(q['wait_avg_s'])}</td><td>{_dur(q['wait_p90_s'])}</td></tr>"
        for name, q in stats["queues"].items())
    urgent_rows = "".join(
        f"<tr><td>{label}</td><td>{t['calls']}</td><td>{t['reached_person']}</td><td>{_dur(t['avg_s'])}</td>"
        f"<td>{_dur(t['p90_s'])}</td><td>{_dur(t['max_s'])}</td></tr>"
        for label, t in (("Urgence vitale", vitale), ("Urgent", urgente)))
    result_legend = legend([(label, sum(q[key] for q in stats["queues"].values()), color)
                            for key, label, color in RESULT_LABELS])
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{CSS}</style></head>
<body><header><h1>{escape(title)}</h1>
<p>Du {start:%d/%m/%Y} au {end:%d/%m/%Y} · rapport ari-triage · aucun numéro ni propos d'appelant dans ce document</p>
</header><main>
<div class="cards">{cards}</div>
<section class="wide"><h2>Quand appelle-t-on ?</h2>
<p class="note">Nombre d'appels par jour de la semaine et heure (heure locale de la clinique). Plus la case est
foncée, plus il y a d'appels : utile pour placer les effectifs.</p>{heatmap_svg(stats["volume"]["by_weekday_hour"])}
</section>
<section><h2>Pourquoi appelle-t-on ?</h2><p class="note">Motifs reconnus, du plus fréquent au moins fréquent.</p>
{hbars_svg(intents)}</section>
<section><h2>Que devient l'appel ?</h2><p class="note">Issue de l'accueil automatique.
Ont demandé à parler à quelqu'un : {_pct(stats["asked_for_person"]["share"])} ·
demande mal comprise : {_pct(stats["unsure"]["share"])}</p>
<div style="display:flex;align-items:center;gap:18px"><div style="flex:0 0 220px">{donut_svg(outcomes)}</div>
<div>{legend(outcomes)}</div></div>
</section>
<section><h2>Les files d'attente décrochent-elles ?</h2><p class="note">Pour chaque file : part des appels
décrochés, abandonnés ou sortis après le délai maximal.</p>{queue_bars_svg(stats["queues"])}{result_legend}
<table><tr><th>File</th><th>Appels</th><th>Décrochés</th><th>Abandons</th><th>Attente moy.</th>
<th>9 sur 10 en moins de</th></tr>{queue_rows}</table></section>
<section><h2>Combien de temps attend-on ?</h2><p class="note">Attente en file avant qu'une personne décroche
(ou que l'appelant abandonne), toutes files.</p>{wait_histogram_svg(stats["queues"])}
<h2 style="margin-top:10px">Urgences : délai jusqu'à une personne</h2><p class="note">Depuis le début de l'appel.</p>
<table><tr><th></th><th>Appels</th><th>Jointes</th><th>Moyenne</th><th>9 sur 10 en moins de</th><th>Maximum</th></tr>
{urgent_rows}</table></section>
<section class="wide"><h2>Appels par jour</h2><p class="note">Samedis et dimanches en gris clair.</p>
{daily_svg(stats["volume"]["by_day"])}</section>
</main><footer>Généré le {generated_at:%d/%m/%Y à %H:%M} par ari-triage. Les chiffres proviennent de l'historique des
appels et du journal des files d'attente d'Asterisk.</footer></body></html>
"""
