"""Migrate the database, then load the test users and service patterns.

    manage.py sesame_cas_setup [--data FILE]     (default: testservers/cas/testdata.json)

FILE is JSON:
  "users": [{"username", "password", "attributes": {name: "value" or ["v1", "v2"]}}]
  "service_patterns": [{"name", "pattern" (a regex, matched from the start of the
      service URL), "attributes": names released to those services, "*" for all}]
Running it again updates what it created.
"""
import json
from pathlib import Path

from cas_server.models import ReplaceAttributName, ServicePattern
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Migrate the database, then load the test users and service patterns."

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(settings.BASE_DIR / "testdata.json"))

    def handle(self, *args, **options):
        data = json.loads(Path(options["data"]).read_text(encoding="utf-8"))
        call_command("migrate", interactive=False, verbosity=0)
        User = get_user_model()
        with transaction.atomic():
            for entry in data["users"]:
                user, _ = User.objects.update_or_create(
                    username=entry["username"],
                    defaults={"cas_attributes": entry.get("attributes", {}), "is_active": True},
                )
                user.set_password(entry["password"])
                user.save()
            for pos, entry in enumerate(data["service_patterns"]):
                pattern, _ = ServicePattern.objects.update_or_create(
                    name=entry["name"], defaults={"pattern": entry["pattern"], "pos": pos}
                )
                pattern.attributs.all().delete()
                for name in entry["attributes"]:
                    ReplaceAttributName.objects.create(service_pattern=pattern, name=name)
        self.stdout.write(
            "sesame_cas_setup: %d users, %d service patterns"
            % (len(data["users"]), len(data["service_patterns"]))
        )
