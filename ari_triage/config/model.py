"""The typed shape of the configuration. Field defaults here are the embedded defaults; the shipped
``asterisk-conf/ari-triage.yaml`` repeats them with an explanation of each key."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class AriConfig:
    url: str = "http://127.0.0.1:8088"
    username: str = "ari-triage"
    password: str = ""  # never a default: ARI_TRIAGE_ARI_PASSWORD or the file
    app: str = "ari-triage"
    request_timeout_s: float = 5.0
    reconnect_initial_s: float = 0.5
    reconnect_max_s: float = 30.0
    # Safety net: TIMEOUT(absolute) set on every call so Asterisk pulls it out of Stasis to the
    # dialplan fallback queue even if this process dies (see asterisk-conf/extensions.conf).
    stasis_deadline_s: int = 180


@dataclass(frozen=True)
class MediaConfig:
    rtp_bind_host: str = "127.0.0.1"
    rtp_advertise_host: str = "127.0.0.1"
    rtp_port_min: int = 40000
    rtp_port_max: int = 40999
    format: Literal["slin16", "ulaw", "alaw"] = "slin16"


@dataclass(frozen=True)
class AsrConfig:
    model_dir: Path = Path("../models/vosk-model-small-fr")
    endpoint_silence_ms: int = 700
    no_input_timeout_s: float = 6.0
    max_utterance_s: float = 15.0
    workers: int = 2
    # Voice activity (barge-in, end of speech): level a sound must exceed (dB below full scale: 42 means
    # -42 dBFS), and how long, to count as speech.
    vad_threshold_db_below_full_scale: float = 42.0
    speech_start_ms: int = 100


@dataclass(frozen=True)
class NluConfig:
    model_dir: Path = Path("../models/nlu")
    confidence_threshold: float = 0.55


@dataclass(frozen=True)
class TreeConfig:
    dir: Path = Path("trees")
    active: str = "clinique.yaml"
    announcements: Path = Path("announcements.yaml")
    reload_check_s: float = 2.0


@dataclass(frozen=True)
class PromptsConfig:
    cache_dir: Path = Path("../var/prompts")
    recorded_dir: Path = Path("prompts")
    # How Asterisk names the cache directory in a playback URI (``sound:<prefix>/<hash>``).
    asterisk_sound_prefix: str = "ari-triage"
    voice: str = "fr"
    speed_wpm: int = 150


@dataclass(frozen=True)
class QueuesConfig:
    context: str = "triage-queues"
    default: str = "accueil"
    names: tuple[str, ...] = ("accueil", "secretariat", "infirmiere", "urgences", "rdv")
    max_priority: int = 10


@dataclass(frozen=True)
class EmergencyConfig:
    number: str = "15"
    context: str = "triage-external"
    advice: str = (
        "Si vous pensez que la vie de quelqu'un est en danger, raccrochez et appelez le 15, "
        "ou le 112 depuis un portable. Je vous passe tout de suite une personne."
    )


@dataclass(frozen=True)
class HookConfig:
    name: str
    type: Literal["webhook", "command"]
    url: str = ""
    command: tuple[str, ...] = ()
    timeout_s: float = 3.0
    retries: int = 2


@dataclass(frozen=True)
class StoreConfig:
    backend: Literal["sqlite", "postgres"] = "sqlite"
    sqlite_path: Path = Path("../var/ari-triage.sqlite3")
    postgres_dsn: str = ""  # ARI_TRIAGE_STORE_POSTGRES_DSN
    spool_dir: Path = Path("../var/spool")
    queue_size: int = 10000
    queue_log: Path = Path("/var/log/asterisk/queue_log")
    # Name of this ari-triage server in a shared database ("" = host name); queue-log import uses it too.
    instance: str = ""
    pool_size: int = 4
    lookup_timeout_s: float = 0.3
    # Clinic time zone for statistics (hour of day, weekday), e.g. Europe/Paris; "" = this server's time zone.
    timezone: str = ""
    # The service itself follows queue_log (Asterisk on the same server); 'ari-triage queue-log follow' is
    # the alternative for a separate process.
    follow_queue_log: bool = True


@dataclass(frozen=True)
class RetentionConfig:
    transcripts_days: int = 30
    caller_numbers_days: int = 90
    record_caller_numbers: bool = True
    purge_interval_h: float = 6.0


@dataclass(frozen=True)
class LoggingConfig:
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    file: Path | None = None


@dataclass(frozen=True)
class Config:
    ari: AriConfig = field(default_factory=AriConfig)
    media: MediaConfig = field(default_factory=MediaConfig)
    asr: AsrConfig = field(default_factory=AsrConfig)
    nlu: NluConfig = field(default_factory=NluConfig)
    tree: TreeConfig = field(default_factory=TreeConfig)
    prompts: PromptsConfig = field(default_factory=PromptsConfig)
    queues: QueuesConfig = field(default_factory=QueuesConfig)
    emergency: EmergencyConfig = field(default_factory=EmergencyConfig)
    hooks: tuple[HookConfig, ...] = ()
    store: StoreConfig = field(default_factory=StoreConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    # Where the file was read from ("<embedded defaults>" when none); paths are already resolved.
    source: str = "<embedded defaults>"

    @property
    def tree_path(self) -> Path:
        return self.tree.dir / self.tree.active

    def hook(self, name: str) -> HookConfig | None:
        return next((h for h in self.hooks if h.name == name), None)
