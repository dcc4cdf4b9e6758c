"""Run the fake Asterisk standalone, for manual testing of ``ari-triage run`` without a PBX::

    python -m ari_triage.fake_asterisk --port 8088 --password secret \\
        --call 0612345678 --wav bonjour.wav --dtmf 1

It listens on 127.0.0.1 only. Each ``--call`` is placed once the application's WebSocket is connected;
the outcome of every call is printed as one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
from dataclasses import asdict

from ari_triage.fake_asterisk.core import FakeAsterisk
from ari_triage.fake_asterisk.script import SendDtmf, Silence, Speak, Step, WaitForPrompt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ari_triage.fake_asterisk", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    parser.add_argument("--port", type=int, default=8088)
    parser.add_argument("--app", default="ari-triage")
    parser.add_argument("--username", default="ari-triage")
    parser.add_argument("--password", default=os.environ.get("ARI_TRIAGE_ARI_PASSWORD", "fake-secret"))
    parser.add_argument("--sounds-dir", help="where media 'sound:<name>' files are read to time playbacks")
    parser.add_argument("--call", action="append", default=[], metavar="NUMBER", help="place a call (repeatable)")
    parser.add_argument("--wav", help="what each caller says after the first prompt starts")
    parser.add_argument("--dtmf", default="", help="digits each caller presses after speaking")
    parser.add_argument("--silence", type=float, default=3.0, help="then the caller stays silent this long")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


async def run_fake_asterisk(args: argparse.Namespace) -> None:
    fake = FakeAsterisk(app=args.app, username=args.username, password=args.password, host=args.host,
                        port=args.port, sounds_dir=args.sounds_dir)
    async with fake:
        print(f"fake Asterisk on {fake.url} (ARI user {fake.username!r}, app {fake.app!r})", flush=True)
        if not args.call:
            await asyncio.Event().wait()  # serve until interrupted
        await fake.wait_for_app(timeout_s=3600)
        script: list[Step] = [WaitForPrompt(timeout_s=30)]
        if args.wav:
            script.append(Speak(args.wav))
        if args.dtmf:
            script.append(SendDtmf(args.dtmf))
        script.append(Silence(args.silence))
        calls = [await fake.place_call(number, script) for number in args.call]
        for call in calls:
            try:
                result = await call.wait(timeout_s=300)
            except TimeoutError:
                result = call.result
            print(json.dumps({"caller": result.caller, "outcome": asdict(result.outcome),
                              "prompts": result.prompt_uris, "latency_s": result.decision_latency_s,
                              "violations": result.violations}), flush=True)


def main() -> None:
    args = _parser().parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_fake_asterisk(args))


if __name__ == "__main__":
    main()
