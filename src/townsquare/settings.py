"""The one settings module. Every value that varies by deployment comes from an environment
variable, documented in docs/configuration.md (a test checks that every variable read here is)."""

import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

DATA_DIR = Path(env.str("TOWNSQUARE_DATA_DIR", default=str(PROJECT_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY when given; otherwise generate one once and keep it in the data folder."""
    if given := env.str("SECRET_KEY", default=""):
        return given
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_NAME = env.str("TOWNSQUARE_SITE_NAME", default="Townsquare")
# The site's address, for links in emails (no trailing slash).
SITE_URL = env.str("TOWNSQUARE_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
MAX_UPLOAD_MB = env.int("TOWNSQUARE_MAX_UPLOAD_MB", default=1024)
# API requests per minute: per token, and per client address for calls without one (0: no limit).
API_RATE_LIMIT = env.int("TOWNSQUARE_API_RATE_LIMIT", default=600)
API_RATE_LIMIT_ANONYMOUS = env.int("TOWNSQUARE_API_RATE_LIMIT_ANONYMOUS", default=120)
MAX_DECOMPRESSED_MB = env.int("TOWNSQUARE_MAX_DECOMPRESSED_MB", default=2048)
CONTACT_EMAIL = env.str("TOWNSQUARE_CONTACT_EMAIL", default="")
DPO_EMAIL = env.str("TOWNSQUARE_DPO_EMAIL", default="")
# Knowledge posting limits: accounts younger than this many hours may post only so often.
NEW_ACCOUNT_HOURS = env.int("TOWNSQUARE_NEW_ACCOUNT_HOURS", default=24)
NEW_ACCOUNT_POSTS_PER_HOUR = env.int("TOWNSQUARE_NEW_ACCOUNT_POSTS_PER_HOUR", default=5)
# The search engine: "tantivy" (index files under DATA_DIR/search), or the database's own full
# text: "sqlite" (FTS5), "postgresql", or "database" for whichever the database is.
SEARCH_BACKEND = env.str("TOWNSQUARE_SEARCH_BACKEND", default="tantivy")
SEARCH_INDEX_DIR = Path(env.str("TOWNSQUARE_SEARCH_INDEX_DIR", default=str(DATA_DIR / "search")))
# Harvesting fetches other sites: private, loopback and link-local addresses are refused unless
# this is on (a catalogue on the council's own network; the tests).
FETCH_ALLOW_PRIVATE = env.bool("TOWNSQUARE_FETCH_ALLOW_PRIVATE", default=False)
FETCH_MAX_MB = env.int("TOWNSQUARE_FETCH_MAX_MB", default=50)

INSTALLED_APPS = [
    "townsquare.web",
    "townsquare.core",
    "townsquare.accounts",
    "townsquare.catalogue",
    "townsquare.datastore",
    "townsquare.governance",
    "townsquare.knowledge",
    "townsquare.search",
    "townsquare.transparency",
    "townsquare.api",
    "townsquare.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "crispy_forms",
    "crispy_forms_gds",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "townsquare.api.middleware.ApiCorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "townsquare.web.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "townsquare.api.auth.ApiTokenMiddleware",
    "townsquare.api.middleware.ApiRateLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "townsquare.accounts.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "townsquare.web.middleware.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so a locked-out sign-in is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "townsquare.urls"
WSGI_APPLICATION = "townsquare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "townsquare.web.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'townsquare.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": ""}  # tests use an in-memory database
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="townsquare@localhost")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
    # Charts (Vega-Lite, drawn by Vega through vega-embed, with the CSP-safe expression
    # interpreter) and maps (Leaflet) on the datastore's table pages.
    ("vega", NODE_MODULES / "vega" / "build"),
    ("vega-lite", NODE_MODULES / "vega-lite" / "build"),
    ("vega-embed", NODE_MODULES / "vega-embed" / "build"),
    ("vega-interpreter", NODE_MODULES / "vega-interpreter" / "build"),
    ("vega-util", NODE_MODULES / "vega-util" / "build"),
    ("leaflet", NODE_MODULES / "leaflet" / "dist"),
]

# Files: a local folder by default; S3-compatible object storage when TOWNSQUARE_S3_BUCKET is set.
S3_BUCKET = env.str("TOWNSQUARE_S3_BUCKET", default="")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("TOWNSQUARE_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("TOWNSQUARE_S3_REGION", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "files", "base_url": None},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_TEMP_DIR = None
FILE_UPLOAD_PERMISSIONS = 0o640
# Form fields other than files stay small; files are limited by TOWNSQUARE_MAX_UPLOAD_MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The local hour (0-23) after which the nightly search rebuild runs, once a day.
SEARCH_REBUILD_HOUR = env.int("TOWNSQUARE_SEARCH_REBUILD_HOUR", default=2)

# Map tiles behind the datastore's maps. The browser fetches them; pages list the points too,
# so a map is still usable where tiles cannot load.
MAP_TILE_URL = env.str(
    "TOWNSQUARE_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
MAP_TILE_ATTRIBUTION = env.str(
    "TOWNSQUARE_MAP_TILE_ATTRIBUTION", default="© OpenStreetMap contributors"
)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Signed-in sessions end after this long, and when the browser closes if so configured.
SESSION_COOKIE_AGE = env.int("TOWNSQUARE_SESSION_SECONDS", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("TOWNSQUARE_SESSION_ENDS_WITH_BROWSER", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env.bool("TOWNSQUARE_HTTPS", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("TOWNSQUARE_SECURE_COOKIES", default=HTTPS)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("TOWNSQUARE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("TOWNSQUARE_HSTS_SUBDOMAINS", default=False)

# Everything the pages load comes from this site, and no page has inline script or style, so
# the policy is strict. The admin keeps Django's own defaults (it uses inline script).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Sign-in lockout (django-axes): this many failures for one account from one address locks it
# for TOWNSQUARE_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env.int("TOWNSQUARE_LOCKOUT_FAILURES", default=5)
AXES_COOLOFF_TIME = env.int("TOWNSQUARE_LOCKOUT_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Rate limits (django-ratelimit), per client address: sign-in attempts and form posts.
RATELIMIT_ENABLE = env.bool("TOWNSQUARE_RATE_LIMITS", default=True)
RATELIMIT_SIGN_IN = env.str("TOWNSQUARE_RATE_SIGN_IN", default="20/m")
RATELIMIT_POST = env.str("TOWNSQUARE_RATE_POST", default="60/m")
# Counters live in the cache: set a shared one (Redis, Memcached) when running several servers.
CACHES = {"default": env.cache_url("TOWNSQUARE_CACHE_URL", default="locmemcache://")}

# Two-factor sign-in (TOTP) for administrators and stewards; see docs/decisions/0024.
REQUIRE_TWO_FACTOR = env.bool("TOWNSQUARE_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = SITE_NAME

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

FILE_UPLOAD_HANDLERS = [
    "townsquare.core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
