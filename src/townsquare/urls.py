from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("townsquare.web.urls")),
    path("", include("townsquare.api.urls")),
    path("", include("townsquare.accounts.urls")),
    path("", include("townsquare.catalogue.urls")),
    path("", include("townsquare.datastore.urls")),
    path("", include("townsquare.governance.urls")),
    path("", include("townsquare.knowledge.urls")),
    path("", include("townsquare.search.urls")),
    path("", include("townsquare.transparency.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "townsquare.web.views.permission_denied"
handler404 = "townsquare.web.views.page_not_found"
handler500 = "townsquare.web.views.server_error"
