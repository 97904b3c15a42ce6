"""Configuration from the environment or a .env file (pydantic-settings)."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.letters import (
    DEFAULT_KIND_CODES,
    DEFAULT_TEMPLATE,
    Letterhead,
    LetterSettings,
    Numbering,
    parse_kind_codes,
    validate_template,
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = Field(default=None, validation_alias="BOT_TOKEN")
    database_url: str = Field(default="sqlite:///data/sikerja.db", validation_alias="DATABASE_URL")
    telegram_api_base: str = Field(default="https://api.telegram.org", validation_alias="TELEGRAM_API_BASE")
    profile: str = Field(default="nasional", validation_alias="SIKERJA_PROFILE")
    # Pemda-settable knobs (domain/profiles/settable.py): TOML or JSON text, or a file path.
    profile_overrides: str | None = Field(default=None, validation_alias="SIKERJA_PROFILE_OVERRIDES")
    timezone: str | None = Field(default=None, validation_alias="SIKERJA_TIMEZONE")
    language: str = Field(default="id", validation_alias="SIKERJA_LANGUAGE")
    runtime: str = Field(default="aiogram", validation_alias="SIKERJA_RUNTIME")
    admins: Annotated[list[int], NoDecode] = Field(default_factory=list, validation_alias="SIKERJA_ADMINS")
    link_code_ttl_hours: int = Field(default=72, validation_alias="SIKERJA_LINK_CODE_TTL_HOURS")
    bot_username: str = Field(default="SikerjaBot", validation_alias="SIKERJA_BOT_USERNAME")
    # Webhook mode (`run --webhook URL`, or set SIKERJA_WEBHOOK_URL); long polling otherwise.
    webhook_url: str | None = Field(default=None, validation_alias="SIKERJA_WEBHOOK_URL")
    webhook_listen: str = Field(default="0.0.0.0", validation_alias="SIKERJA_WEBHOOK_LISTEN")
    webhook_port: int = Field(default=8080, validation_alias="SIKERJA_WEBHOOK_PORT")
    webhook_secret: SecretStr | None = Field(default=None, validation_alias="SIKERJA_WEBHOOK_SECRET")
    # Several workers on one database (bot/cluster.py): set on every worker started apart
    # (compose, several hosts); `run --workers N` sets it for the workers it starts.
    cluster: bool = Field(default=False, validation_alias="SIKERJA_CLUSTER")
    # /healthz and /metrics on a port of their own (also in polling mode); in webhook mode
    # they are on the webhook port as well.
    metrics_port: int | None = Field(default=None, validation_alias="SIKERJA_METRICS_PORT")
    log_format: str = Field(default="text", pattern="^(text|json)$", validation_alias="SIKERJA_LOG_FORMAT")
    # Reminders (bot/scheduler.py): local times in the Pemda's zone, days as stated.
    schedule_window_days: int = Field(default=10, validation_alias="SIKERJA_WINDOW_DAYS")
    schedule_reminder_days: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [-5, -2, 0], validation_alias="SIKERJA_REMINDER_DAYS")
    schedule_grace_days: int = Field(default=3, validation_alias="SIKERJA_ESCALATE_AFTER_DAYS")
    schedule_send_time: str = Field(default="09:00", validation_alias="SIKERJA_SEND_TIME")
    schedule_quiet_hours: str = Field(default="20:00-07:00", validation_alias="SIKERJA_QUIET_HOURS")
    decision_remind_days: int = Field(default=3, validation_alias="SIKERJA_DECISION_REMIND_DAYS")
    decision_escalate_days: int = Field(default=5, validation_alias="SIKERJA_DECISION_ESCALATE_DAYS")
    schedule_tick_seconds: int = Field(default=60, validation_alias="SIKERJA_TICK_SECONDS")
    outbox_max_attempts: int = Field(default=5, validation_alias="SIKERJA_OUTBOX_MAX_ATTEMPTS")
    # Delivered or dead notices are pruned after this many days (handlers/schedule/jobs.py prune_history).
    notices_kept_days: int = Field(default=30, ge=1, validation_alias="SIKERJA_NOTICES_KEPT_DAYS")
    # How long `run` and `db upgrade` wait for a database server that is not reachable yet.
    db_wait_seconds: float = Field(default=60.0, ge=0, validation_alias="SIKERJA_DB_WAIT_SECONDS")
    # One person sending more than this many messages within the window is told once and
    # the rest of the burst is set aside (bot/runtimes/lanes.py).
    flood_max_messages: int = Field(default=20, ge=1, validation_alias="SIKERJA_FLOOD_MAX_MESSAGES")
    flood_window_seconds: float = Field(default=10.0, gt=0, validation_alias="SIKERJA_FLOOD_WINDOW_SECONDS")
    # Letters (handlers/letters): the kop surat, the numbering scheme and the place letters are dated at.
    letterhead_name: str = Field(default="", validation_alias="SIKERJA_LETTERHEAD_NAME")
    letterhead_address: str = Field(default="", validation_alias="SIKERJA_LETTERHEAD_ADDRESS")
    letterhead_logo: str | None = Field(default=None, validation_alias="SIKERJA_LETTERHEAD_LOGO")
    letter_place: str = Field(default="", validation_alias="SIKERJA_LETTER_PLACE")
    letter_number_template: str = Field(default=DEFAULT_TEMPLATE, validation_alias="SIKERJA_LETTER_NUMBER_TEMPLATE")
    letter_kind_codes: str = Field(default="", validation_alias="SIKERJA_LETTER_KIND_CODES")

    @field_validator("letter_number_template")
    @classmethod
    def _template(cls, value: str) -> str:
        validate_template(value)
        return value

    @field_validator("letter_kind_codes")
    @classmethod
    def _kind_codes(cls, value: str) -> str:
        parse_kind_codes(value)
        return value

    def letters(self) -> LetterSettings:
        codes = {**DEFAULT_KIND_CODES, **parse_kind_codes(self.letter_kind_codes)}
        return LetterSettings(Letterhead(self.letterhead_name, self.letterhead_address, self.letterhead_logo or None),
                              Numbering(self.letter_number_template, codes), self.letter_place)
    # Only against a fake Bot API server whose limits are scaled alike (benchmarks): speeds
    # the bot's own pacing of Telegram's limits up this many times. Never against Telegram.
    flood_scale: float = Field(default=1.0, gt=0, validation_alias="SIKERJA_FLOOD_SCALE")

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value):
        if isinstance(value, str):
            return [int(v) for v in value.replace(";", ",").split(",") if v.strip()]
        return value

    @field_validator("schedule_reminder_days", mode="before")
    @classmethod
    def _split_days(cls, value):
        if isinstance(value, str):
            return [int(v) for v in value.replace(";", ",").split(",") if v.strip()]
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in ("id", "en"):
            raise ValueError("SIKERJA_LANGUAGE must be 'id' or 'en'")
        return value
