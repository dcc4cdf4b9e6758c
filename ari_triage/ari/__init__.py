"""ARI transport: typed events parsed at the edge, a REST client with timeouts, the WebSocket with
reconnection. Knows nothing of triage. See docs/ari.md."""

from ari_triage.ari.client import AriClient
from ari_triage.ari.errors import (
    AriAuthError,
    AriError,
    AriServerError,
    AriTimeout,
    AriUnavailable,
    BadRequest,
    Conflict,
    NotFound,
    NotInStasis,
)
from ari_triage.ari.events import AriEvents, ConnectionState, RetryDecision, backoff_delay, default_retry_policy
from ari_triage.ari.models import (
    ApplicationReplaced,
    AriEvent,
    Bridge,
    BridgeDestroyed,
    CallerId,
    Channel,
    ChannelDestroyed,
    ChannelDtmfReceived,
    ChannelEnteredBridge,
    ChannelHangupRequest,
    ChannelLeftBridge,
    ChannelStateChange,
    ChannelVarset,
    DialplanCep,
    MalformedEvent,
    Playback,
    PlaybackContinuing,
    PlaybackFinished,
    PlaybackStarted,
    StasisEnd,
    StasisStart,
    UnknownEvent,
    parse_event,
)
from ari_triage.ari.spec import ApiSpec

__all__ = [
    "ApiSpec", "ApplicationReplaced", "AriAuthError", "AriClient", "AriError", "AriEvent", "AriEvents",
    "AriServerError", "AriTimeout", "AriUnavailable", "BadRequest", "Bridge", "BridgeDestroyed", "CallerId",
    "Channel", "ChannelDestroyed", "ChannelDtmfReceived", "ChannelEnteredBridge", "ChannelHangupRequest",
    "ChannelLeftBridge", "ChannelStateChange", "ChannelVarset", "Conflict", "ConnectionState", "DialplanCep",
    "MalformedEvent", "NotFound", "NotInStasis", "Playback", "PlaybackContinuing", "PlaybackFinished",
    "PlaybackStarted", "RetryDecision", "StasisEnd", "StasisStart", "UnknownEvent", "backoff_delay",
    "default_retry_policy", "parse_event",
]
