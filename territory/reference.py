"""Reference data loaded by `pli setup_data`: territories, boundaries, every Statbel file available.

Files come from the local mirror PLI_DATA_DIR, or from the download cache filled by `pli data fetch`.
Each import is idempotent, so running this again only adds what is new.
"""

from pli.files import ImportRefused
from territory.datasets import DATASETS, mirror_files
from territory.imports.refnis import load_boundaries, load_refnis
from territory.imports.statbel import import_population, import_structure


def load(stdout) -> None:
    steps = [
        ("statbel-refnis", lambda path: load_refnis(path)),
        ("boundaries", lambda path: load_boundaries(path)),
        ("statbel-population", import_population),
        ("statbel-structure", import_structure),
    ]
    for key, function in steps:
        files = mirror_files(DATASETS[key])
        if not files:
            stdout.write(
                f"{DATASETS[key].title}: no file found (set PLI_DATA_DIR to a local mirror, or run `pli data fetch`)."
            )
            continue
        for path in files:
            try:
                result = function(path)
            except ImportRefused as error:
                stdout.write(f"Refused: {error.summary()}")
                continue
            if isinstance(result, tuple):
                record, created = result
                stdout.write(f"{path.name}: {'loaded' if created else 'already loaded, nothing changed'}.")
            else:
                stdout.write(result.message)
