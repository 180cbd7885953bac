"""`pli`: the platform's command line (Django's management commands, with a few friendly names).

pli migrate | pli runserver | pli demo | pli create_admin
pli data fetch | pli import statbel-structure FILE | pli indicators NIS --year YYYY
"""

import os
import sys
from pathlib import Path

# The project folder holds the apps: put it first, so that an app added after the (editable) install
# is found as well.
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)

ALIASES = {"import": "import_data", "data": "data"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if PROJECT_DIR not in sys.path:
        sys.path.insert(0, PROJECT_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pli.settings")
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        # One clear line, not a traceback: the configuration is what is wrong.
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
