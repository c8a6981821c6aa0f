# One Dockerfile, one lean image per service: the build argument SERVICE (splitter, worker, sink, api or
# all) picks the extra of the `newsflow` distribution installed, so the sink and splitter images carry
# no NLP. What each image installs besides newsflow-shared: splitter → extraction; worker → extraction and
# spaCy; sink → store (SQLAlchemy, drivers, Alembic); api → client and store (not the sink service).
# docker-compose.yml builds each service's image with its own SERVICE.
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
ARG SERVICE=all
WORKDIR /src
COPY requirements.lock pyproject.toml README.md ./
COPY src ./src
COPY shared ./shared
COPY client ./client
COPY extraction ./extraction
COPY store ./store
COPY services ./services
# Wheels of the repo's own distributions, then one virtualenv with only what SERVICE needs, pinned by
# the lock file. Only the virtualenv leaves this stage: no wheel layer in the final image.
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels \
        ./shared ./store ./client ./extraction ./services/splitter ./services/worker ./services/sink ./services/api . \
 && python -m venv /opt/newsflow \
 && /opt/newsflow/bin/pip install --no-cache-dir --find-links /wheels -c requirements.lock \
        "newsflow[${SERVICE}]==0.1.0"

FROM ${PYTHON_IMAGE}
RUN useradd --create-home --uid 10001 newsflow
COPY --from=build /opt/newsflow /opt/newsflow
ENV PATH=/opt/newsflow/bin:$PATH PYTHONUNBUFFERED=1 NEWSFLOW_LOG_FORMAT=json
USER newsflow
WORKDIR /home/newsflow
# every service answers /healthz, /readyz and /metrics on this port in its container
ENV NEWSFLOW_HTTP_PORT=8000
# /healthz of the service this container runs (no curl in the image: newsflow's own probe)
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["newsflow", "probe", "healthz"]
ENTRYPOINT ["newsflow"]
CMD ["--help"]
