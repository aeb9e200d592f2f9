# Sunrelay in a container: Debian slim with Python 3.11, running `sunrelay serve` (docs/operations.md,
# "Deploy"). compose.yaml runs it beside a worker, the SMTP listener and PostgreSQL.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SUNRELAY_DATA_DIR=/data \
    SUNRELAY_HOST=0.0.0.0 \
    SUNRELAY_PORT=8000 \
    SUNRELAY_SMTP_HOST=0.0.0.0 \
    SUNRELAY_SMTP_PORT=2525 \
    SUNRELAY_LOG_FORMAT=json

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install . \
    && useradd --system --home-dir /data --uid 10001 sunrelay \
    && mkdir -p /data \
    && chown sunrelay /data

# By number: the host and Kubernetes' runAsNonRoot can check it without the image's passwd.
USER 10001
VOLUME ["/data"]
EXPOSE 8000 2525
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD ["python", "-c", "import urllib.request,os; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('SUNRELAY_PORT', '8000'), timeout=4)"]
ENTRYPOINT ["sunrelay"]
CMD ["serve"]
