"""Every machine-readable surface of Townsquare, mounted at the site root.

Shared by two areas of work; add to the list, do not reorder it:
- the native JSON API (`api/native/`, at /api/v1/) and the CKAN Action API (`api/ckan/`, at
  /api/3/action/ and /api/action/);
- the open-standards feeds (DCAT, schema.org, Data Package, sitemap, Atom) and harvesting.
"""

from django.urls import URLPattern, URLResolver

from .urls_apis import urlpatterns as apis_urlpatterns
from .urls_standards import urlpatterns as standards_urlpatterns

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = []

# The native API (/api/v1/) and the CKAN Action API (/api/3/action/, /api/action/).
urlpatterns += apis_urlpatterns

# The open-standards feeds: DCAT, Data Package, sitemap, Atom, robots.txt.
urlpatterns += standards_urlpatterns
