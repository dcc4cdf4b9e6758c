"""Media: RTP from Asterisk's externalMedia channel, codecs and resampling, streaming Vosk recognition,
voice activity, prompt synthesis."""
