import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DB_PASSWORD = os.getenv("DB_PASSWORD", "")
API_TOKEN = get_secret("api-token")
password_field = "password"
token = None
