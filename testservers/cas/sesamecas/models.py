from django.contrib.auth.models import AbstractUser
from django.db import models


class CasUser(AbstractUser):
    """A Django user (username, hashed password) with the attributes the CAS releases.

    cas_attributes maps an attribute name to a string, or to a list of strings for a
    multi-valued attribute. An attribute the person does not have is simply absent.
    """

    cas_attributes = models.JSONField(default=dict, blank=True)
