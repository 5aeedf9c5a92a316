"""The JSON API and the dashboard, served by one FastAPI app (`create_app`)."""
