from cas_server.auth import DjangoAuthUser


class CasUserAuth(DjangoAuthUser):
    """django-cas-server's DjangoAuthUser, with the user's cas_attributes as CAS attributes.

    The password check is DjangoAuthUser's (Django's hashers, sesamecas.CasUser rows).
    DjangoAuthUser.attributs() would return every model field (password hash, is_superuser,
    last_login, empty first_name, ...) and can express neither an absent attribute nor a
    multi-valued one; the JSON dict of sesamecas.CasUser can.
    """

    def attributs(self):
        if not self.user:
            return {}
        return dict(self.user.cas_attributes)
