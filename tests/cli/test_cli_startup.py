"""Start-up: the knowledge-base cache, lazy commands, and what a command does not import.

Speed itself is measured in benchmarks/startup.py; these tests prove the mechanisms:
the cache is used only while nothing it depends on changed, it never breaks a command
(unwritable, damaged, or writable by others), and a diagnosis imports neither the batch
machinery nor the trainers' commands nor the terminal menus before they are needed.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from parcel_doctor import user_cache
from parcel_doctor.cli import main as cli_main
from parcel_doctor.knowledge import cache
from parcel_doctor.knowledge.loader import KnowledgeBase, KnowledgeError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARCEL_DOCTOR_CACHE", str(folder))
    return folder


def test_the_cache_is_written_then_read(cache_dir, kb_copy):
    facts, rules = kb_copy
    first = cache.load_cached(facts, rules)
    files = list(cache_dir.glob("kb-*.pickle"))
    assert len(files) == 1
    assert oct(cache_dir.stat().st_mode & 0o777) == "0o700"
    second = cache.load_cached(facts, rules)  # from the file: a new object, same content
    assert second is not first and second.tables == first.tables
    assert [r.id for r in second.rules] == [r.id for r in first.rules]


def test_any_change_in_facts_or_rules_makes_a_new_cache(cache_dir, kb_copy):
    facts, rules = kb_copy
    before = cache.content_key(facts, rules)
    cache.load_cached(facts, rules)
    (facts / "notes.txt").write_text("a file the loader does not read still counts\n")
    assert cache.content_key(facts, rules) != before
    countries = facts / "countries.toml"
    countries.write_text(countries.read_text().replace('name = "Germany"', 'name = "Almanya"'))
    kb = cache.load_cached(facts, rules)
    assert kb.countries["DE"]["name"] == "Almanya"
    rule_file = next(rules.glob("*.toml"))
    rule_file.write_text(rule_file.read_text() + "\n[[rule]]\nid = 'broken'\n")
    with pytest.raises(KnowledgeError):  # a broken change is reported, not hidden
        cache.load_cached(facts, rules)


def test_a_damaged_cache_file_is_rebuilt(cache_dir, kb_copy):
    facts, rules = kb_copy
    cache.load_cached(facts, rules)
    (path,) = cache_dir.glob("kb-*.pickle")
    path.write_bytes(b"not a pickle")
    assert isinstance(cache.load_cached(facts, rules), KnowledgeBase)
    assert pickle.loads(path.read_bytes()).countries  # written again


def test_a_folder_others_can_write_is_not_trusted(cache_dir, kb_copy):
    facts, rules = kb_copy
    cache_dir.mkdir(mode=0o700)
    cache.load_cached(facts, rules)
    (path,) = cache_dir.glob("kb-*.pickle")
    planted = KnowledgeBase(facts, rules, tables={"countries": {}})
    path.write_bytes(pickle.dumps(planted))
    os.chmod(cache_dir, 0o777)
    assert cache.load_cached(facts, rules).countries  # the planted file is ignored


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch, kb_copy):
    facts, rules = kb_copy
    monkeypatch.setenv("PARCEL_DOCTOR_CACHE", "/dev/null/cache")
    assert cache.load_cached(facts, rules).countries
    monkeypatch.setenv("PARCEL_DOCTOR_CACHE", "off")
    assert user_cache.cache_dir() is None and cache.load_cached(facts, rules).countries


def test_only_the_newest_cache_files_are_kept(cache_dir, kb_copy):
    facts, rules = kb_copy
    countries = facts / "countries.toml"
    for index in range(user_cache.KEEP + 3):
        countries.write_text(countries.read_text() + f"\n# edit {index}\n")
        cache.load_cached(facts, rules)
    assert len(list(cache_dir.glob("kb-*.pickle"))) == user_cache.KEEP


def test_help_lists_lazy_commands_from_the_cache_as_they_are(cache_dir):
    group = typer.main.get_command(cli_main.app)
    assert isinstance(group, cli_main.CommandGroup)
    helps = group.lazy_helps()  # no cache yet: imports the commands, writes the cache
    assert "batch" in group.commands and len(list(cache_dir.glob("commands-*.json"))) == 1
    again = typer.main.get_command(cli_main.app)
    assert isinstance(again, cli_main.CommandGroup)
    assert again.lazy_helps() == helps and "batch" not in again.commands  # from the cache
    again.load_all()
    assert helps == {name: again.commands[name].help for name in cli_main.LAZY_COMMANDS}
    assert set(cli_main.COMMAND_ORDER) == set(again.commands)


def test_help_lists_commands_in_the_order_a_newcomer_needs(cache_dir):
    runs = [
        subprocess.run(
            [sys.executable, "-m", "parcel_doctor", "--help"],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "100"},
            check=True,
        )
        for _ in range(2)  # without, then with the cached help texts
    ]
    assert runs[0].stdout == runs[1].stdout
    done = runs[1]
    listed = [
        line.split()[0]
        for line in done.stdout.split("Commands:")[1].splitlines()
        if line.strip() and line.split()[0] in cli_main.COMMAND_ORDER
    ]
    assert listed == list(cli_main.COMMAND_ORDER)
    assert "--install-completion" in done.stdout and "<bool>" not in done.stdout


def test_a_diagnosis_imports_neither_batch_nor_trainers_nor_menus():
    probe = (
        "import sys\n"
        "from parcel_doctor.cli.main import main\n"
        "sys.argv = ['parcel-doctor', 'diagnose', '--answers', sys.argv[1], "
        "'--today', '2026-11-25', '--no-ask']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ['multiprocessing', 'parcel_doctor.batch.pipeline', 'parcel_doctor.cli.trainer',"
        " 'parcel_doctor.teaching.handbook', 'questionary', 'prompt_toolkit', 'pydantic']\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    answers = ROOT / "examples" / "stuck-after-export.toml"
    done = subprocess.run(
        [sys.executable, "-c", probe, str(answers)], capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert "What to do" in done.stdout
