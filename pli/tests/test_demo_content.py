"""`pli demo`: refused in production; its content files are checked, and a mistake is reported in French
(file, entry, field) before anything is written."""

import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts import demo as accounts_demo
from accounts.models import User
from diagnostic import demo as diagnostic_demo
from diagnostic.models import Diagnostic
from network import demo as network_demo
from network.models import Organisation
from plan import demo as plan_demo
from pli.demo_content import ContentError

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = ["accounts", "network", "diagnostic", "plan"]


def content_folder(folder: Path, apps=APPS, **edits: tuple[str, str]) -> Path:
    """The built-in files of these apps copied into `folder` as <app>.toml; `network=(old, new)` edits one."""
    for app in apps:
        target = folder / f"{app}.toml"
        shutil.copy(ROOT / app / "demo.toml", target)
        if app in edits:
            old, new = edits[app]
            text = target.read_text()
            assert old in text, old
            target.write_text(text.replace(old, new, 1))
    return folder


def refused(folder) -> list[str]:
    with pytest.raises(CommandError) as error:
        call_command("demo", data=str(folder), stdout=StringIO())
    lines = str(error.value).splitlines()
    assert lines[0] == "Le contenu de démonstration comporte des erreurs ; rien n’a été chargé :"
    return lines[1:]


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"  # the demo password file goes to a temporary folder
    return settings.VAR_DIR


def test_pli_demo_is_refused_in_production(db, settings, var_dir):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refusé en production"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists() and not (var_dir / "demo-password").exists()


def test_the_pli_command_refuses_it_with_plienvironment_production(tmp_path):
    """The real command line, in its own process (it closes the database connections when done)."""
    environment = {
        **os.environ,
        "PLI_ENVIRONMENT": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "pli.example.be",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'pli.sqlite3'}",
        "PLI_VAR_DIR": str(tmp_path / "var"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",  # the production checks pass
        "EMAIL_HOST": "smtp.example.be",
        "PLI_BASE_URL": "https://pli.example.be",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "pli.cli", "demo"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "pli demo est refusé en production (PLI_ENVIRONMENT=production)" in done.stderr
    assert not (tmp_path / "pli.sqlite3").exists() and not (tmp_path / "var" / "demo-password").exists()


def test_outside_production_the_same_command_loads_the_accounts(db, settings, var_dir, tmp_path):
    settings.PRODUCTION = False
    out = StringIO()
    call_command("demo", data=str(content_folder(tmp_path, ["accounts"])), stdout=out)
    assert User.objects.filter(email="admin@demo.pli.local", role="admin").exists()
    assert "Demo network skipped: no network.toml in the content folder." in out.getvalue()


def test_the_built_in_files_are_valid(db):
    for module in (accounts_demo, network_demo, diagnostic_demo, plan_demo):
        assert module.read_content() is not None  # the vocabulary's codes are checked too


def test_a_wrong_field_names_its_file_entry_and_field_and_nothing_is_loaded(db, var_dir, tmp_path):
    folder = content_folder(
        tmp_path,
        network=(
            'name = "CPAS de Walcourt"\ncommune = "93088"',
            'name = "CPAS de Walcourt"\ncommune = "9308"',
        ),
    )
    assert refused(folder) == [
        "network.toml, organisations n° 9 (« cpas-walcourt »), champ « commune » : "
        "« 9308 » n’est pas un code NIS (cinq chiffres)."
    ]
    assert not User.objects.exists() and not Organisation.objects.exists() and not Diagnostic.objects.exists()


def test_a_misspelt_field_a_missing_one_and_a_wrong_value_are_each_reported(tmp_path, db):
    folder = content_folder(
        tmp_path,
        ["network", "diagnostic"],
        diagnostic=(
            'key = "allocations"\naxis = "revenu-digne"',
            'key = "allocations"\naxe = "revenu-digne"',
        ),
        network=('kind = "statutory"', 'kind = "statutaire"'),
    )
    messages = refused(folder)
    assert (
        "network.toml, spaces n° 1 (« Plateforme provinciale de lutte contre le racisme »), champ « kind » : "
        "« statutaire » n’est pas permis ici ; valeurs permises : statutory, decentralized, thematic."
    ) in messages
    assert (
        "diagnostic.toml, findings n° 2 (« allocations »), champ « axis » : ce champ est obligatoire."
        in messages
    )
    assert (
        "diagnostic.toml, findings n° 2 (« allocations »), champ « axe » : "
        "champ inconnu (faute de frappe, ou pas à sa place dans cette table ?)."
    ) in messages


def test_a_reference_to_nothing_is_reported_with_the_file_it_should_be_in(tmp_path, db):
    folder = content_folder(tmp_path, plan=('lingua = "partner"', 'lingu = "partner"'))
    assert refused(folder) == [
        "plan.toml, closed_plan.priorities n° 2 (« info-droits-sociaux »), recommendations n° 1 "
        "(« fiches-multilingues »), champ « resources.lingu » : « lingu » n’est pas dans network.toml."
    ]


def test_a_code_the_vocabulary_does_not_have_is_reported(tmp_path, db):
    folder = content_folder(
        tmp_path, ["diagnostic"], diagnostic=('publics = ["newcomer"]', 'publics = ["newcommer"]')
    )
    assert refused(folder) == [
        "diagnostic.toml, findings n° 2 (« allocations »), publics n° 1 : "
        "« newcommer » n’est pas dans le vocabulaire."
    ]


def test_a_placeholder_a_text_may_not_use_is_reported(tmp_path, db):
    folder = content_folder(
        tmp_path, ["network"], network=("{n} personnes en liste", "{nombre} personnes en liste")
    )
    [message] = refused(folder)
    assert message.startswith("network.toml, topics.fle.minutes n° 1 : ")
    assert message.endswith("repère {nombre} inconnu ; ce texte peut utiliser : {commune}, {org}, {n}.")


def test_a_syntax_error_gives_its_line_and_column(tmp_path, db):
    folder = content_folder(tmp_path, ["accounts"], accounts=('role = "admin"', "role = admin"))
    [message] = refused(folder)
    assert message.startswith("accounts.toml, ligne 8, colonne 8 : ce n’est pas du TOML valide")


def test_a_file_that_is_not_utf8_or_too_large_is_refused(tmp_path, db, monkeypatch):
    (tmp_path / "accounts.toml").write_bytes("name = 'Démo'".encode("latin-1"))
    assert refused(tmp_path) == ["accounts.toml : le fichier n’est pas du texte UTF-8 (octet 10)."]
    monkeypatch.setattr("pli.demo_content.MAX_BYTES", 10)
    content_folder(tmp_path, ["accounts"])
    [message] = refused(tmp_path)
    assert message.startswith("accounts.toml : le fichier est trop grand (")


def test_every_mistake_of_every_file_is_listed_at_once(tmp_path, db):
    folder = content_folder(
        tmp_path,
        accounts=('role = "reader"', 'role = "lecteur"'),
        plan=('status = "in_progress", percent = 15 }', 'status = "in_progress", percent = 150 }'),
    )
    messages = refused(folder)
    assert [m.split(",")[0] for m in messages] == ["accounts.toml", "plan.toml"]
    assert messages[1].endswith("champ « percent » : doit valoir au plus 100 (ici 150).")


def test_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="aucun dossier de ce nom"):
        call_command("demo", data=str(tmp_path / "nowhere"), stdout=StringIO())


def test_content_error_lists_every_message():
    error = ContentError(["a", "b"])
    assert error.messages == ["a", "b"] and str(error) == "a\nb"
