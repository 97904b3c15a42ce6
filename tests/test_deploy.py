"""The deployment kit, read minimally (no docker here): the compose file, the systemd unit,
the Dockerfile and the env example say what the code expects — every setting they set is
one Settings reads, the ports agree, nothing runs as root."""
from __future__ import annotations

import configparser
import re
from pathlib import Path

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SETTING_NAMES = {field.validation_alias for field in Settings.model_fields.values()}
COMPOSE_ONLY = {"SIKERJA_DOMAIN", "POSTGRES_PASSWORD"}  # read by compose itself, not by the bot


def _compose() -> str:
    return (ROOT / "docker-compose.yml").read_text()


def _services(text: str) -> list[str]:
    """Keys two spaces in under `services:` (a YAML subset: enough for our own file)."""
    block = text.split("\nservices:\n", 1)[1].split("\n\n\n", 1)[0]
    block = re.split(r"\n(?=\S)", block, maxsplit=1)[0]
    return re.findall(r"^  ([a-z]+):\s*$", block, re.MULTILINE)


def test_compose_runs_postgres_migrations_workers_and_a_proxy():
    text = _compose()
    assert _services(text) == ["db", "migrate", "bot", "proxy"]
    assert "image: postgres:15" in text and "image: caddy:2" in text
    assert re.search(r"replicas: [2-9]", text)
    assert 'SIKERJA_CLUSTER: "true"' in text
    assert "condition: service_completed_successfully" in text  # workers wait for the migrations
    bot_env = re.findall(r"^  ([A-Z_]+):", text.split("x-bot-env:", 1)[1].split("\nservices:", 1)[0], re.MULTILINE)
    assert {"BOT_TOKEN", "DATABASE_URL", "SIKERJA_WEBHOOK_URL", "SIKERJA_WEBHOOK_SECRET"} <= set(bot_env)
    assert set(bot_env) <= SETTING_NAMES, set(bot_env) - SETTING_NAMES
    port = re.search(r'SIKERJA_WEBHOOK_PORT: "(\d+)"', text)
    assert port is not None
    caddy = (ROOT / "deploy" / "Caddyfile").read_text()
    assert f"port {port.group(1)}" in caddy and "name bot" in caddy
    assert "/telegram/webhook" in caddy and "/telegram/webhook" in text


def test_systemd_unit_runs_the_bot_unprivileged_and_stops_it_with_sigterm():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    unit.read(ROOT / "deploy" / "sikerja.service")
    assert set(unit.sections()) == {"Unit", "Service", "Install"}
    service = unit["Service"]
    assert service["ExecStart"].endswith("-m bot run")
    assert service["User"] not in ("", "root") and service["KillSignal"] == "SIGTERM"
    assert service["StateDirectory"] == "sikerja" and "/var/lib/sikerja" in service["ReadWritePaths"]
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_dockerfile_is_slim_unprivileged_and_migrates_on_start():
    text = (ROOT / "Dockerfile").read_text()
    assert re.findall(r"^FROM python:3\.11-slim", text, re.MULTILINE)
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert 'ENTRYPOINT ["python", "-m", "bot"]' in text and 'CMD ["run"]' in text  # run migrates first
    assert "compile_catalogs" in text  # translations compiled at build: the image's code is read-only


def test_env_example_names_only_settings_the_bot_or_compose_reads():
    names = re.findall(r"^([A-Z_]+)=", (ROOT / "deploy" / "sikerja.env.example").read_text(), re.MULTILINE)
    assert names and set(names) <= SETTING_NAMES | COMPOSE_ONLY, set(names) - SETTING_NAMES - COMPOSE_ONLY
