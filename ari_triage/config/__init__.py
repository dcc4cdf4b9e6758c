"""Configuration: one YAML file (``asterisk-conf/ari-triage.yaml``), secrets from the environment.

:func:`load_config` returns a typed, frozen :class:`Config`. Every key has a documented default in the
shipped file; a wrong key or value is a :class:`~ari_triage.errors.ConfigError` naming the key and the
file line. Relative paths are resolved against the directory holding the configuration file.
"""

from ari_triage.config.loader import DEFAULT_CONFIG_PATH, find_config_path, load_config
from ari_triage.config.model import (
    AriConfig,
    AsrConfig,
    Config,
    EmergencyConfig,
    HookConfig,
    LoggingConfig,
    MediaConfig,
    NluConfig,
    PromptsConfig,
    QueuesConfig,
    RetentionConfig,
    StoreConfig,
    TreeConfig,
)

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "AriConfig",
    "AsrConfig",
    "Config",
    "EmergencyConfig",
    "HookConfig",
    "LoggingConfig",
    "MediaConfig",
    "NluConfig",
    "PromptsConfig",
    "QueuesConfig",
    "RetentionConfig",
    "StoreConfig",
    "TreeConfig",
    "find_config_path",
    "load_config",
]
