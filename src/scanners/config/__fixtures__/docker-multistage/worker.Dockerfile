FROM python:3.12-slim AS base
RUN pip install --no-cache-dir -r requirements.txt
USER 10001

FROM base AS worker
COPY worker.py /app/
CMD ["python", "/app/worker.py"]

FROM base AS debug
USER root
RUN pip install debugpy
