# parindex in a container: docker build -t parindex .
#   docker run -d --name parindex -p 127.0.0.1:8501:8501 -v parindex-data:/var/lib/parindex \
#     --env-file /etc/parindex/parindex.env -e STREAMLIT_SERVER_ALLOWED_HOSTS=parindex.example.gov.vn parindex
# The app answers at http://127.0.0.1:8501/parindex/ (put nginx in front: deploy/nginx-parindex.conf).
# Everything is installed at build time; the running container downloads nothing.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PARINDEX_CONFIG=/app/deploy/config-docker.yaml \
    STREAMLIT_SERVER_BASE_URL_PATH=parindex \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

RUN groupadd --system --gid 10001 parindex \
    && useradd --system --uid 10001 --gid parindex --home-dir /var/lib/parindex --shell /usr/sbin/nologin parindex \
    && install -d -o parindex -g parindex -m 0750 /var/lib/parindex

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
# The code belongs to root and is read-only for the app; only the volume is writable.
COPY . .
RUN python -m compileall -q app.py parindex pages ui

USER parindex
VOLUME ["/var/lib/parindex"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; base = os.environ.get('STREAMLIT_SERVER_BASE_URL_PATH', '').strip('/'); urllib.request.urlopen('http://127.0.0.1:8501/' + (base + '/' if base else '') + '_stcore/health', timeout=4)"
# The schema is created or upgraded at start (one container; with several replicas run `db upgrade` once first).
CMD ["sh", "-c", "python -m parindex db upgrade && exec streamlit run app.py --server.headless true --server.address 0.0.0.0 --server.port 8501"]
