import numpy as np
import pytest

from ari_triage.media.resample import Resampler, resample


def tone(freq: float, rate: int, seconds: float = 0.5, amplitude: float = 10000.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return np.rint(amplitude * np.sin(2 * np.pi * freq * t)).astype(np.int16)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x.astype(np.float64)))))


@pytest.mark.parametrize(("src", "dst", "freq"), [(8000, 16000, 1000), (16000, 8000, 1000), (22050, 16000, 440),
                                                   (48000, 16000, 2000), (16000, 16000, 440)])
def test_tone_is_preserved_in_phase_and_amplitude(src, dst, freq):
    out = resample(tone(freq, src), src, dst)
    assert len(out) == len(tone(freq, src)) * dst // src
    ideal = 10000 * np.sin(2 * np.pi * freq * np.arange(len(out)) / dst)
    edge = 64  # the filter's start-up transient
    assert np.max(np.abs(out[edge:-edge] - ideal[edge:-edge])) < 30  # < 0.3 % of the amplitude


def test_downsampling_removes_what_would_alias():
    # 6 kHz cannot exist at 8 kHz: without an anti-alias filter it would fold down to 2 kHz at full level
    out = resample(tone(6000, 16000), 16000, 8000)
    assert rms(out[64:-64]) < 0.01 * rms(tone(6000, 16000))


def test_upsampling_leaves_no_image():
    out = resample(tone(3000, 8000, seconds=1.0), 8000, 16000)
    spectrum = np.abs(np.fft.rfft(out * np.hanning(len(out))))
    freqs = np.fft.rfftfreq(len(out), 1 / 16000)
    image = spectrum[np.abs(freqs - 5000) < 50].max()  # zero-stuffing alone would mirror 3 kHz to 5 kHz
    assert image < spectrum.max() * 1e-3


def test_streaming_in_20ms_chunks_equals_one_block():
    signal = tone(700, 8000, seconds=1.0)
    whole = Resampler(8000, 16000).process(signal)
    streaming = Resampler(8000, 16000)
    chunks = [streaming.process(signal[i:i + 160]) for i in range(0, len(signal), 160)]
    assert np.array_equal(np.concatenate(chunks), whole)
    assert sum(len(c) for c in chunks) == 2 * len(signal)


def test_odd_chunk_sizes_keep_the_right_count():
    resampler = Resampler(22050, 16000)
    total_in = total_out = 0
    for size in (1, 7, 441, 3, 1000, 2):
        total_in += size
        total_out += len(resampler.process(np.ones(size, dtype=np.int16)))
    assert total_out == (total_in * 16000 - 1) // 22050 + 1


def test_no_overflow_on_full_scale_square_wave():
    square = np.tile(np.array([32767] * 4 + [-32768] * 4, dtype=np.int16), 200)
    out = resample(square, 8000, 16000)
    assert out.dtype == np.int16 and out.max() <= 32767 and out.min() >= -32768
