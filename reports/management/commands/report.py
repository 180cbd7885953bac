"""pli report plan PLAN_ID | portrait NIS [--compare NIS] | activity YEAR --format pdf|docx --output FILE

The same code as the pages (reports.documents.build), run synchronously with a progress bar, as the
platform itself (it sees everything a coordinator sees)."""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from jobs.services import JobRefused
from reports import documents


class Command(BaseCommand):
    help = "Build a document: the plan, a territory portrait or the activity report, as PDF or Word."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True)
        plan = kinds.add_parser("plan", help="a plan version")
        plan.add_argument("plan_id")
        portrait = kinds.add_parser("portrait", help="a commune, arrondissement or province")
        portrait.add_argument("nis")
        portrait.add_argument("--compare", default="")
        activity = kinds.add_parser("activity", help="the annual activity report")
        activity.add_argument("year")
        for sub in (plan, portrait, activity):
            sub.add_argument("--format", choices=sorted(documents.FORMATS), required=True)
            sub.add_argument("--output", required=True)

    def handle(self, *args, **options):
        translation.activate("fr")
        kind = options["kind"]
        params = self._params(kind, options)
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": output.parent})
        bar = tqdm(total=100, unit="%", disable=options["verbosity"] == 0)

        def progress(fraction, step=""):
            bar.set_description(step[:40])
            bar.update(int(fraction * 100) - bar.n)

        try:
            result = documents.build(kind, params, options["format"], self._platform(), progress)
        except JobRefused as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        temporary = output.with_name(f".{output.name}.part")
        shutil.copyfile(result["path"], temporary)
        temporary.replace(output)  # whole or not at all
        self.stdout.write(_("Written: %(file)s") % {"file": output})

    @staticmethod
    def _platform():
        """The command runs as the platform itself: it reads as a coordinator does."""
        from accounts.models import User

        return User(role="coordinator", is_active=True)

    @staticmethod
    def _params(kind, options) -> dict:
        if kind == "plan":
            if not options["plan_id"].isdigit():
                raise CommandError(
                    _("The plan id must be a number (given: %(id)s).") % {"id": options["plan_id"]}
                )
            return {"plan": int(options["plan_id"])}
        if kind == "portrait":
            return {"nis": options["nis"], "compare": options["compare"]}
        if not options["year"].isdigit():
            raise CommandError(
                _("The year must be a number such as 2025 (given: %(year)s).") % {"year": options["year"]}
            )
        return {"year": int(options["year"])}
