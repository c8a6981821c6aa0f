# One image for every newsflow service; the compose file picks the command.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
COPY shared ./shared
COPY services ./services
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 newsflow
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER newsflow
WORKDIR /home/newsflow
ENV PYTHONUNBUFFERED=1 NEWSFLOW_LOG_FORMAT=json NEWSFLOW_HTTP_PORT=8000
# /healthz of the service this container runs (no curl in the image: newsflow's own probe)
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["newsflow", "probe", "healthz"]
ENTRYPOINT ["newsflow"]
CMD ["--help"]
