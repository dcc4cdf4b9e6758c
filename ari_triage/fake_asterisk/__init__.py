"""A fake Asterisk (ARI REST + WebSocket + externalMedia RTP) for tests, benchmarks and the demo.
It speaks the JSON of the Asterisk 22 API description and reproduces the behaviour recorded from a
real server."""
