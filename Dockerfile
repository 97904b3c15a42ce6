# Sikerja: one worker per container. Slim, runs as an unprivileged user, and applies the
# database migrations at every start (`python -m bot run` does that before anything else).
# docker-compose.yml runs several of these on PostgreSQL behind Caddy; docs/DEPLOY.md.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot bot
COPY domain domain
COPY handlers handlers
COPY storage storage
COPY locales locales
RUN python -m venv /venv \
 && /venv/bin/pip install . \
 && /venv/bin/python -c "from handlers.core.i18n import compile_catalogs; compile_catalogs(force=True)"

FROM python:3.11-slim
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin sikerja \
 && mkdir /data && chown sikerja:sikerja /data
COPY --from=build /venv /venv
COPY --from=build /app /app
WORKDIR /app
USER sikerja
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite:////data/sikerja.db \
    SIKERJA_METRICS_PORT=9090
VOLUME ["/data"]
EXPOSE 8080 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9090/healthz', timeout=4)"]
ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
