"""`pli indicators NIS --year YYYY [--json]`: the key figures of a territory, as on its page."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from ninja.errors import HttpError

from territory import queries
from territory.api import indicators_payload


class Command(BaseCommand):
    help = "Print the indicators of a territory (NIS code) for a year, with their source."

    def add_arguments(self, parser):
        parser.add_argument("nis")
        parser.add_argument("--year", type=int)
        parser.add_argument("--base", type=int, help="year to compute the evolution from")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, nis, year=None, base=None, json=False, **options):
        try:
            territory = queries.get_territory(nis)
            data = indicators_payload(territory, year, base)
        except Http404:
            raise CommandError(f"unknown territory {nis}") from None
        except HttpError as error:
            raise CommandError(str(error)) from None
        if json:
            self.stdout.write(_dumps(data))
            return
        share = data["non_belgian_share"]
        lines = [
            f"{data['name']} ({data['nis']}, {data['level']}) — 1 January {data['year']}",
            f"  population         {data['population']:>12,}",
            f"  men / women        {data['men']:>12,} / {data['women']:,}",
        ]
        if data["non_belgian"] is not None:
            lines += [
                f"  Belgians           {data['belgian']:>12,}",
                f"  non-Belgians       {data['non_belgian']:>12,}  ({share * 100:.2f} %)",
                f"  median age         {data['median_age']:>12}",
            ]
        for parent in data["parents"]:
            parent_share = (
                f"{parent['non_belgian_share'] * 100:.2f} %"
                if parent["non_belgian_share"] is not None
                else "—"
            )
            lines.append(
                f"  {parent['name'][:18]:<18} {parent['population']:>12,}  ({parent_share} non-Belgians)"
            )
        lines.append(f"  source: {data['source']['attribution']}, {data['source']['file_name']}")
        self.stdout.write("\n".join(lines))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
