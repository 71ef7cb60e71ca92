"""The three dependency lists agree: pyproject.toml, requirements.lock and environment.yml."""

from __future__ import annotations

import re
import tomllib

import yaml

from newskit.paths import PROJECT_DIR


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_names() -> set[str]:
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return {canonical(re.split(r"[<>=!~\[; ]", n, maxsplit=1)[0]) for n in names}


def lock_pins() -> dict[str, str]:
    lines = (PROJECT_DIR / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return {canonical(n): v for n, v in (line.split("==") for line in lines if "==" in line)}


def conda_pins() -> dict[str, str]:
    spec = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    pins = [d for d in spec["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    return {canonical(name): version for name, version in (d.split("=", 1) for d in pins)}


def test_environment_yml_names_the_same_packages_as_pyproject():
    assert set(conda_pins()) == pyproject_names()


def test_environment_yml_pins_the_lock_versions():
    lock = lock_pins()
    assert {name: lock.get(name) for name in conda_pins()} == conda_pins()


def test_lock_pins_every_top_level_dependency_exactly():
    assert pyproject_names() <= set(lock_pins())


def test_environment_yml_uses_python_311():
    spec = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in spec["dependencies"]
