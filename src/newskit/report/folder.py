"""The report folder: only the kit's own, replaced atomically, recovered after an interrupted run.

A report run writes its output folder wholesale, so the folder it replaces must be one the kit wrote:
:func:`check_out_dir` refuses, before any work, a path that is empty, the file-system root, a file,
a folder under ``data/raw``, a folder that holds (or is) an input of the run, and a folder holding
anything a report did not write (its ``manifest.json`` lists what it wrote).

:func:`replace_folder` swaps the finished build folder into place. On Linux it is one atomic
``renameat2(RENAME_EXCHANGE)``, so a reader sees the old report or the new one, never none; where
that call is missing it falls back to two renames. Work folders are named
``.<name>.building-<pid>-<random>`` and ``.<name>.old-<pid>-<random>`` beside the target;
:func:`recover` (called at the start of every run) restores a report left only under an ``.old-``
name by a run killed between two renames, and removes work folders whose process is gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import secrets
import shutil
import warnings
from collections.abc import Iterable
from pathlib import Path

from newskit.errors import NewskitWarning, ReportError
from newskit.paths import PROJECT_DIR, RAW_DIR

MANIFEST_NAME = "manifest.json"
# Files a report writes that its manifest's ``outputs`` do not list.
UNLISTED_REPORT_FILES = (MANIFEST_NAME,)
UNLISTED_REPORT_SUFFIXES = (".ipynb",)
N_NAMES_SHOWN = 5
RENAME_EXCHANGE = 2  # linux/fs.h


def check_out_dir(out_dir: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """The resolved report folder, or ReportError when writing it could destroy what the kit did not write.

    ``inputs`` are the run's input files and folders (corpus, parameter file, reference series).
    An absent or empty folder, or one holding a newskit report and nothing else, is accepted.
    """
    if str(out_dir).strip() == "":
        raise ReportError("--out is empty: name a report folder, e.g. --out reports/my-corpus")
    target = Path(out_dir).expanduser().resolve()
    if target == Path(target.anchor):
        raise ReportError(f"--out {out_dir!s} is the file-system root: name a report folder, e.g. reports/x")
    raw_dir = RAW_DIR.resolve()
    input_paths = [(Path(p).resolve(), f"the input {p}") for p in inputs]
    for path, what in [(raw_dir, "the raw data folder data/raw"), (PROJECT_DIR, "the project folder"), *input_paths]:
        if path.is_relative_to(target):
            raise ReportError(f"--out {out_dir!s} holds {what}: a report replaces its folder; pick another --out")
    for path, what in [(raw_dir, "data/raw, which nothing writes to"), *input_paths]:
        if path.is_dir() and target.is_relative_to(path):
            raise ReportError(f"--out {out_dir!s} is inside {what}: pick a folder outside it")
    if target.exists() and not target.is_dir():
        raise ReportError(f"--out {out_dir!s} is a file, not a folder: pick a folder name for the report")
    if target.is_dir():
        strangers = foreign_files(target)
        if strangers:
            shown = ", ".join(strangers[:N_NAMES_SHOWN]) + (" ..." if len(strangers) > N_NAMES_SHOWN else "")
            raise ReportError(
                f"--out {out_dir!s} holds {len(strangers)} file(s) a newskit report did not write ({shown}); "
                "a report replaces its whole folder, so pick an empty or new folder"
            )
    return target


def foreign_files(folder: Path) -> list[str]:
    """Files under ``folder`` that no newskit report there wrote, as relative paths (all, if no manifest)."""
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())
    written = report_outputs(folder / MANIFEST_NAME)
    if written is None:
        return files
    return [
        f
        for f in files
        if f not in written and f not in UNLISTED_REPORT_FILES and not f.endswith(UNLISTED_REPORT_SUFFIXES)
    ]


def report_outputs(manifest_path: Path) -> set[str] | None:
    """The outputs a newskit manifest lists, or None when the file is absent or not a newskit manifest."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(manifest, dict) or "newskit" not in manifest or not isinstance(manifest.get("outputs"), dict):
        return None
    return set(manifest["outputs"])


def make_work_dir(target: Path, kind: str) -> Path:
    """A new empty folder ``.<name>.<kind>-<pid>-<random>`` beside ``target``, made with the user's umask."""
    target.parent.mkdir(parents=True, exist_ok=True)
    path = target.parent / f".{target.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"
    path.mkdir()
    return path


def replace_folder(build_dir: Path, target: Path) -> None:
    """Put ``build_dir`` at ``target``, atomically where the system allows, and delete what was there."""
    if not target.exists():
        build_dir.rename(target)
        return
    if _exchange(build_dir, target):
        shutil.rmtree(build_dir, ignore_errors=True)  # build_dir now holds the previous report
        return
    old = target.parent / f".{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    target.rename(old)
    try:
        build_dir.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> list[str]:
    """Undo what an interrupted run left beside ``target``; return one line per action (also warned).

    A report that exists only as ``.<name>.old-*`` (a run killed between its two renames) is put back;
    ``.building-*`` and ``.old-*`` folders of processes that no longer run are removed.
    """
    actions: list[str] = []
    if not target.parent.is_dir():
        return actions
    leftovers = sorted(target.parent.glob(f".{target.name}.building-*")) + sorted(
        target.parent.glob(f".{target.name}.old-*")
    )
    for path in leftovers:
        if not path.is_dir() or _owner_alive(path):
            continue
        if ".old-" in path.name and not target.exists():
            path.rename(target)
            actions.append(f"restored the previous report {target} from {path.name} (a run was interrupted)")
        else:
            shutil.rmtree(path, ignore_errors=True)
            actions.append(f"removed {path.name}, left by an interrupted run")
    for action in actions:
        warnings.warn(action, NewskitWarning, stacklevel=2)
    return actions


def _owner_alive(path: Path) -> bool:
    """Whether the process whose id is in a work folder's name still runs (False for other names)."""
    try:
        pid = int(path.name.rsplit("-", 2)[-2])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one system call (Linux renameat2); False where that is not available."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0
