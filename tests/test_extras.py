"""A command needing a part the install left out says which extra to install, in one line."""

from __future__ import annotations

import pytest

from newsflow.extras import MissingExtra, require


def test_a_missing_optional_module_names_the_extra_that_brings_it() -> None:
    with pytest.raises(MissingExtra, match=r"pip install 'newsflow\[worker\]'"):
        require("newsflow.nonexistent_service.app", "worker", "newsflow serve worker")


def test_an_installed_module_is_returned() -> None:
    assert require("newsflow.shared.contracts", "all", "contracts").Page is not None


def test_a_broken_install_is_not_mistaken_for_a_missing_extra(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "nf_broken_probe.py").write_text("import nf_definitely_absent_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError) as caught:
        require("nf_broken_probe", "all", "probe")
    assert not isinstance(caught.value, MissingExtra)
