# One image for every role of the distributed topology: `mesa serve`, `mesa worker`,
# `mesa scheduler`, `mesa smtpd`, `mesa migrate` (see docker-compose.yml). /var/lib/mesa is
# the data folder compose shares between them (attachments, raw inbound mail), owned by the
# user they run as, so a new named volume starts writable.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MESA_HOST=0.0.0.0 \
    MESA_PORT=8000 \
    MESA_DATA_DIR=/app/var

WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir api domain workers mesa \
    && pip install . \
    && pip uninstall -y mesa-helpdesk

# Installed in place (editable): the project root stays /app, where var/ and schema.graphql live.
COPY api ./api
COPY domain ./domain
COPY workers ./workers
COPY mesa ./mesa
COPY examples ./examples
RUN pip install --no-deps -e . \
    && useradd --create-home --uid 1000 mesa \
    && mkdir -p /app/var /var/lib/mesa \
    && chown mesa:mesa /app/var /var/lib/mesa

USER mesa
EXPOSE 8000

HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"

CMD ["mesa", "serve"]
