"""ARI transport: typed events parsed at the edge, a REST client with timeouts, the WebSocket with
reconnection. Knows nothing of triage."""
