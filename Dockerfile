FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY matchmaker ./matchmaker
COPY recommenders ./recommenders
RUN pip install .
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY seed_data ./seed_data
COPY translations ./translations
RUN useradd --create-home matchmaker && mkdir -p instance && chown matchmaker instance
USER matchmaker
ENV FLASK_APP=matchmaker
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "matchmaker:create_app()"]
