from django.contrib.staticfiles.views import serve as serve_static
from django.urls import include, path, re_path

urlpatterns = [
    # The CAS base URL is http://HOST:PORT/cas: /cas/login, /cas/logout, /cas/p3/serviceValidate, ...
    path("cas/", include("cas_server.urls", namespace="cas_server")),
    # DEBUG is off, so Django would serve no static file by itself: serve them here
    # (insecure=True: fine for a loopback test server).
    re_path(r"^static/(?P<path>.+)$", serve_static, {"insecure": True}),
]
