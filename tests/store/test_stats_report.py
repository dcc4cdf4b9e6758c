"""Statistics (exact figures on a small hand-made history, consistency on demo data) and the HTML report,
rendered in a real headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import UTC, datetime, timedelta

import pytest

from ari_triage.store import demo_data
from ari_triage.store.queue_log import parse_lines
from ari_triage.store.records import CallEnd, CallStart
from ari_triage.store.report import render_html
from ari_triage.store.stats import collect_stats, percentile

MONDAY_9H = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TUESDAY_14H = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)


def _ts(moment: datetime, plus: int = 0) -> int:
    return int(moment.timestamp()) + plus


def _seed_small(backend) -> None:
    def call(call_id, channel, at, outcome, **end):
        return [CallStart(call_id, channel, at, "0612345678", "t", "test-a"),
                CallEnd(call_id, at + timedelta(seconds=20), outcome, **end)]

    backend.write_records(
        call("c1", "1.1", MONDAY_9H, "info", intent="info_pratique")
        + call("c2", "1.2", MONDAY_9H + timedelta(minutes=5), "route", queue="urgences", intent="urgence",
               urgency="vitale")
        + call("c3", "1.3", TUESDAY_14H, "route", queue="secretariat", intent="resultats", urgency="urgente",
               asked_for_person=True)
        + call("c4", "1.4", TUESDAY_14H + timedelta(minutes=1), "hangup", intent="autre", unsure=True)
        + call("c5", "1.5", TUESDAY_14H + timedelta(minutes=2), "info", intent="info_pratique"))
    c2, c3, c5 = MONDAY_9H + timedelta(minutes=5), TUESDAY_14H, TUESDAY_14H + timedelta(minutes=2)
    lines = [
        f"{_ts(c2, 20)}|1.2|urgences|NONE|ENTERQUEUE||0612345678|1",
        f"{_ts(c2, 30)}|1.2|urgences|PJSIP/1|CONNECT|10|1.9|2",
        f"{_ts(c2, 90)}|1.2|urgences|PJSIP/1|COMPLETECALLER|10|60|1",
        f"{_ts(c3, 20)}|1.3|secretariat|NONE|ENTERQUEUE||0612345678|1",
        f"{_ts(c3, 70)}|1.3|secretariat|NONE|ABANDON|1|1|50",
        # a caller that reached the queue through the dialplan fallback (no ari-triage call record)
        f"{_ts(c3, 100)}|7.7|secretariat|NONE|ENTERQUEUE||0699999999|1",
        f"{_ts(c3, 120)}|7.7|secretariat|PJSIP/2|CONNECT|20|7.8|2",
        # c5 was "info" but its channel still went to a queue: not fully served by automation
        f"{_ts(c5, 30)}|1.5|secretariat|NONE|ENTERQUEUE||0612345678|1",
        f"{_ts(c5, 60)}|1.5|secretariat|NONE|EXITWITHTIMEOUT|1|1|30",
    ]
    entries, report = parse_lines(lines)
    assert report.malformed == 0
    backend.add_queue_log(entries)


def test_statistics_on_a_known_history(backend):
    _seed_small(backend)
    stats = collect_stats(backend, MONDAY_9H - timedelta(days=1), TUESDAY_14H + timedelta(days=1))
    assert stats["calls"] == 5
    assert stats["volume"]["by_weekday_hour"][0][9] == 2 and stats["volume"]["by_weekday_hour"][1][14] == 3
    assert stats["volume"]["by_weekday"] == [2, 3, 0, 0, 0, 0, 0]
    assert stats["automation"] == {"calls": 2, "share": 0.4}  # c1 and c4 (c5 went to a queue)
    assert stats["asked_for_person"] == {"calls": 1, "share": 0.2}
    assert stats["unsure"] == {"calls": 1, "share": 0.2}
    assert stats["top_intents"][0] == ("info_pratique", 2)
    assert stats["outcomes"] == {"info": 2, "route": 2, "hangup": 1}
    secretariat = stats["queues"]["secretariat"]
    assert (secretariat["entries"], secretariat["answered"], secretariat["abandoned"], secretariat["timeout"]) == \
        (3, 1, 1, 1)
    assert secretariat["answered_rate"] == pytest.approx(1 / 3, abs=1e-3)
    assert secretariat["wait_avg_s"] == pytest.approx((50 + 20 + 30) / 3, abs=0.1)
    assert secretariat["wait_p90_s"] == 50
    assert stats["queues"]["urgences"]["answered_rate"] == 1.0
    vitale = stats["time_to_person"]["vitale"]
    assert (vitale["calls"], vitale["reached_person"], vitale["avg_s"]) == (1, 1, 30)  # call start -> CONNECT
    assert stats["time_to_person"]["urgente"] == {"calls": 1, "reached_person": 0, "avg_s": None, "p90_s": None,
                                                  "max_s": None}


def test_statistics_survive_purge(backend):
    _seed_small(backend)
    period = (MONDAY_9H - timedelta(days=1), TUESDAY_14H + timedelta(days=1))
    before = collect_stats(backend, *period)
    backend.purge(0, 0, now=TUESDAY_14H + timedelta(days=400))
    assert backend.query("SELECT count(*) FROM calls WHERE caller IS NOT NULL") == [(0,)]
    assert collect_stats(backend, *period) == before


def test_percentile_nearest_rank():
    assert percentile(range(1, 11), 0.9) == 9
    assert percentile([5], 0.9) == 5
    assert percentile([], 0.9) is None


def _demo_stats(backend):
    end = datetime(2026, 11, 28, 18, tzinfo=demo_data.CLINIC_TZ)
    data = demo_data.generate(days=28, end=end, instance=backend.instance)
    backend.write_records(data.records)
    backend.add_queue_log(parse_lines(data.queue_log)[0])
    return collect_stats(backend, end - timedelta(days=28), end), data


def test_statistics_on_demo_history_are_consistent(backend):
    stats, _data = _demo_stats(backend)
    assert stats["calls"] > 1000
    assert sum(stats["volume"]["by_weekday"]) == stats["calls"] == sum(stats["volume"]["by_hour"])
    assert stats["volume"]["by_weekday"][0] > stats["volume"]["by_weekday"][6] * 5  # Mondays busy, Sundays quiet
    assert sum(stats["outcomes"].values()) == stats["finished_calls"]
    for queue in stats["queues"].values():
        assert queue["wait_p90_s"] >= queue["wait_avg_s"] * 0.9
        assert queue["answered"] + queue["abandoned"] + queue["timeout"] + queue["other"] <= queue["entries"]
    assert stats["queues"]["urgences"]["wait_avg_s"] < stats["queues"]["rdv"]["wait_avg_s"]
    assert stats["time_to_person"]["vitale"]["reached_person"] > 0
    assert 0 < stats["automation"]["share"] < 0.5


def _html_is_self_contained(html: str) -> None:
    assert "<script" not in html.lower()
    assert not re.search(r"(?i)(https?:|//[a-z]|src=|href=|url\(|@import)", html)


def _png_pixels(png: bytes, max_rows: int = 900) -> tuple[int, int, list[list[bytes]]]:
    """Minimal PNG decoder (8-bit RGB/RGBA, as Chromium writes) -> width, height, the first rows of pixels."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(min(height, max_rows)):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[k:k + 3]) for k in range(0, stride, bpp))
        rows[-1] = list(rows[-1])
        prev = line
    return width, height, rows


def _chromium() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is needed to check the report (scripts/setup --test installs it)")
        pytest.skip("Chromium not installed (scripts/setup --test installs it)")
    return path


@pytest.mark.slow
def test_report_renders_in_headless_chromium(tmp_path, store_env):
    if store_env.kind != "sqlite":
        pytest.skip("the report does not depend on the backend; rendered once")
    backend = store_env.backend()
    backend.upgrade()
    stats, _ = _demo_stats(backend)
    html = render_html(stats, generated_at=datetime(2026, 11, 28, 18, tzinfo=UTC))
    _html_is_self_contained(html)
    assert "lang=\"fr\"" in html and "Quand appelle-t-on" in html and "0612" not in html and "poitrine" not in html
    page = tmp_path / "rapport.html"
    page.write_text(html, encoding="utf-8")
    shot, netlog = tmp_path / "shot.png", tmp_path / "netlog.json"
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         # nothing may leave the machine: no DNS at all, and no browser time/variations queries
         "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-features=NetworkTimeServiceQuerying,OptimizationHints",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         f"--user-data-dir={tmp_path / 'profile'}", f"--log-net-log={netlog}", "--enable-logging=stderr",
         "--hide-scrollbars", f"--screenshot={shot}", "--window-size=1280,1900", page.as_uri()],
        capture_output=True, text=True, timeout=90)
    assert shot.is_file(), result.stderr[-2000:]
    assert "CONSOLE" not in result.stderr and "Uncaught" not in result.stderr  # no page errors
    requested = set(re.findall(r'"url":"([^"]+)"', netlog.read_text())) if netlog.exists() else set()
    # Chromium's own background services (updates, clock) still try, into the dead proxy above; the page itself
    # must have asked for nothing but its own file.
    browser_own = re.compile(r"^https?://[a-z0-9.-]+\.(google\.com|googleapis\.com|gstatic\.com)/")
    page_requests = {url for url in requested if not browser_own.match(url)}
    assert netlog.stat().st_size > 1000  # the network log was written (so the check below means something)
    assert all(url.startswith(("file:", "data:")) for url in page_requests), page_requests
    png = shot.read_bytes()
    if os.environ.get("ARI_TRIAGE_KEEP_SCREENSHOT"):  # to look at it: docs/store-report.png is made this way
        shutil.copyfile(shot, os.environ["ARI_TRIAGE_KEEP_SCREENSHOT"])
    width, height, rows = _png_pixels(png)
    assert (width, height) == (1280, 1900)
    assert rows[20][20] == bytes.fromhex("1f3b57")  # the header band is drawn
    colours = {pixel for row in rows[::7] for pixel in row[::7]}
    assert len(colours) > 200  # charts, not a blank or error page
    # the heat map's darkest cell colour (busiest slot) appears on the page
    assert any(pixel[0] < 40 and pixel[2] > 80 and pixel[1] < 70 for row in rows[300:800] for pixel in row)
