"""Configuration from the environment or a .env file (pydantic-settings)."""
from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing import Annotated


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = Field(default=None, validation_alias="BOT_TOKEN")
    database_url: str = Field(default="sqlite:///data/sikerja.db", validation_alias="DATABASE_URL")
    telegram_api_base: str = Field(default="https://api.telegram.org", validation_alias="TELEGRAM_API_BASE")
    profile: str = Field(default="nasional", validation_alias="SIKERJA_PROFILE")
    timezone: str | None = Field(default=None, validation_alias="SIKERJA_TIMEZONE")
    language: str = Field(default="id", validation_alias="SIKERJA_LANGUAGE")
    runtime: str = Field(default="aiogram", validation_alias="SIKERJA_RUNTIME")
    admins: Annotated[list[int], NoDecode] = Field(default_factory=list, validation_alias="SIKERJA_ADMINS")
    link_code_ttl_hours: int = Field(default=72, validation_alias="SIKERJA_LINK_CODE_TTL_HOURS")

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value):
        if isinstance(value, str):
            return [int(v) for v in value.replace(";", ",").split(",") if v.strip()]
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in ("id", "en"):
            raise ValueError("SIKERJA_LANGUAGE must be 'id' or 'en'")
        return value
