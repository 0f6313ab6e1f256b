from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mentornet.core.env import env_bool, env_int, env_list, env_str, load_dotenv


def test_values_are_read_and_typed(monkeypatch):
    monkeypatch.setenv("MN_FLAG", "yes")
    monkeypatch.setenv("MN_NUMBER", "42")
    monkeypatch.setenv("MN_HOSTS", "a.example, b.example,")
    assert env_bool("MN_FLAG") is True
    assert env_int("MN_NUMBER") == 42
    assert env_list("MN_HOSTS") == ["a.example", "b.example"]
    assert env_str("MN_MISSING", default="x") == "x"


def test_bad_or_missing_values_fail_loudly(monkeypatch):
    monkeypatch.setenv("MN_FLAG", "maybe")
    monkeypatch.setenv("MN_NUMBER", "four")
    with pytest.raises(ImproperlyConfigured, match="MN_FLAG must be true or false"):
        env_bool("MN_FLAG")
    with pytest.raises(ImproperlyConfigured, match="MN_NUMBER must be a whole number"):
        env_int("MN_NUMBER")
    with pytest.raises(ImproperlyConfigured, match="Set the environment variable MN_NOWHERE"):
        env_str("MN_NOWHERE")


def test_a_dotenv_file_fills_in_but_never_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("MN_SET", "from-environment")
    monkeypatch.delenv("MN_NEW", raising=False)
    dotenv = tmp_path / ".env"
    dotenv.write_text("# comment\nMN_SET=from-file\nMN_NEW='quoted'\n", encoding="utf-8")
    load_dotenv(dotenv)
    assert env_str("MN_SET") == "from-environment"
    assert env_str("MN_NEW") == "quoted"


def test_a_broken_dotenv_line_names_the_line(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("GOOD=1\nnot a setting\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match=r"\.env:2"):
        load_dotenv(dotenv)


def test_every_setting_read_from_the_environment_is_listed_in_env_example():
    root = Path(__file__).resolve().parents[3]
    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', (root / "mentornet" / "settings.py").read_text()))
    listed = set(re.findall(r"^([A-Z_]+)=", (root / ".env.example").read_text(), flags=re.MULTILINE))
    assert read - listed == set()
    assert listed - read == set()
