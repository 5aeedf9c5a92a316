"""settings: defaults, then COPROD_* variables (typed), then CLI overrides."""

from __future__ import annotations

import pytest

from coprod.errors import InputError
from coprod.settings import Settings


def test_defaults_without_environment() -> None:
    assert Settings.from_env({}) == Settings()


def test_variables_are_read_with_their_types() -> None:
    env = {"COPROD_DB": "x.db", "COPROD_BATCH_SIZE": "5", "COPROD_HOST_RATE": "0.5"}
    settings = Settings.from_env(env)
    assert (settings.db, settings.batch_size, settings.host_rate) == ("x.db", 5, 0.5)


def test_overrides_win_and_none_means_not_given() -> None:
    settings = Settings.from_env({"COPROD_DB": "env.db"}, db="flag.db", batch_size=None)
    assert (settings.db, settings.batch_size) == ("flag.db", Settings().batch_size)


def test_a_malformed_number_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="COPROD_FETCH_TIMEOUT"):
        Settings.from_env({"COPROD_FETCH_TIMEOUT": "soon"})


def test_as_dict_names_every_setting() -> None:
    assert set(Settings().as_dict()) >= {"db", "user_agent", "max_response_bytes"}
