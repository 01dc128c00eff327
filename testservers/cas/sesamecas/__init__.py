"""A CAS 3.0 server for Sésame's tests: django-cas-server in a minimal Django project.

One package is both the Django project (settings, urls, wsgi) and its only app (the user
model, the auth class, the `sesame_cas_setup` command). scripts/cas.sh runs it.
"""
