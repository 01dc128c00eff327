#!/usr/bin/env python3
"""Django's command-line utility for the test CAS server (needs SESAME_CAS_DB_DIR)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sesamecas.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
