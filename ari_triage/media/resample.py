"""Streaming rational resampling of 16-bit PCM with numpy (polyphase windowed-sinc FIR).

Telephone audio arrives at 8 kHz (G.711) or 16 kHz (slin16); the Vosk model wants its own rate (16 kHz for
the small French model). Up-sampling 8k->16k needs an anti-imaging low-pass, down-sampling an anti-alias one;
the same Kaiser-windowed sinc does both, cut at the lower of the two Nyquist frequencies.
"""

from __future__ import annotations

from math import gcd

import numpy as np


class Resampler:
    """Resample a stream chunk by chunk; the filter state is kept between chunks, so chunk boundaries are
    inaudible. Latency: about ``taps_per_phase / 2`` input samples (0.5 ms at 16 kHz)."""

    def __init__(self, from_rate: int, to_rate: int, *, taps_per_phase: int = 16, kaiser_beta: float = 8.0):
        if from_rate <= 0 or to_rate <= 0:
            raise ValueError("sample rates must be positive")
        divisor = gcd(from_rate, to_rate)
        self.from_rate, self.to_rate = from_rate, to_rate
        self.up, self.down = to_rate // divisor, from_rate // divisor
        self.passthrough = self.up == self.down
        if self.passthrough:
            return
        factor = max(self.up, self.down)
        length = taps_per_phase * factor + 1  # odd: a whole number of samples of delay
        cutoff = 0.5 / factor * 0.92  # cycles per up-sampled sample; a little margin below Nyquist
        n = np.arange(length) - (length - 1) / 2
        prototype = 2 * cutoff * np.sinc(2 * cutoff * n) * np.kaiser(length, kaiser_beta)
        prototype *= self.up / prototype.sum()  # unity gain at DC after zero-stuffing
        self.delay_out = (length - 1) // 2 // self.down  # group delay in output samples
        self._taps = -(-length // self.up)  # input samples each output depends on
        padded = np.zeros(self._taps * self.up)
        padded[:length] = prototype
        # phases[p, m] = h[p + m*up]: output at up-sampled time t = i*up + p uses x[i - m]
        self._phases = padded.reshape(self._taps, self.up).T.copy()
        self._history = np.zeros(self._taps - 1)
        self._consumed = 0  # input samples seen
        self._next_out = 0  # index of the next output sample

    def process(self, pcm: np.ndarray) -> np.ndarray:
        """Resample one chunk of int16 samples; returns int16 (possibly empty for tiny chunks)."""
        samples = np.asarray(pcm, dtype=np.int16)
        if self.passthrough:
            return samples.copy()
        x = np.concatenate((self._history, samples.astype(np.float64)))
        base = self._consumed - (self._taps - 1)  # stream index of x[0]
        self._consumed += len(samples)
        # outputs whose newest input sample is already available
        last_out = (self._consumed * self.up - 1) // self.down
        if last_out < self._next_out:
            self._history = x[-(self._taps - 1):] if self._taps > 1 else x[:0]
            return np.zeros(0, dtype=np.int16)
        outs = np.arange(self._next_out, last_out + 1)
        t = outs * self.down
        newest = t // self.up - base
        phase = t % self.up
        offsets = newest[:, None] - np.arange(self._taps)[None, :]
        window = x[np.clip(offsets, 0, None)] * (offsets >= 0)
        y = np.einsum("ij,ij->i", window, self._phases[phase])
        self._next_out = last_out + 1
        self._history = x[-(self._taps - 1):] if self._taps > 1 else x[:0]
        return np.clip(np.rint(y), -32768, 32767).astype(np.int16)


def resample(pcm: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Resample a whole signal (for files and tests); the filter delay is compensated."""
    resampler = Resampler(from_rate, to_rate)
    if resampler.passthrough:
        return np.asarray(pcm, dtype=np.int16).copy()
    pad = resampler._taps  # enough input to flush the filter's delay
    out = resampler.process(np.concatenate((np.asarray(pcm, dtype=np.int16), np.zeros(pad, np.int16))))
    expected = len(pcm) * to_rate // from_rate
    return out[resampler.delay_out:resampler.delay_out + expected]
