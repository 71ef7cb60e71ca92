"""Every rule id of the extractor with its one-line meaning, collected from the stage modules.

``python -m newskit.extract.rules`` prints the README's "Rule ids" list (``--readme`` rewrites it
in README.md); a test checks that the README holds exactly this list, so a rule added to a stage is
documented or the tests fail.
"""

from __future__ import annotations

import re
import sys

from newskit.extract import attribution, bound, candidates, group, outcome, parent, place, scope, sentences
from newskit.extract.run import FLAGS, STAGES

STAGE_MODULES = (candidates, sentences, bound, parent, outcome, attribution, group, scope, place)


def all_rules() -> dict[str, str]:
    """``{rule id: meaning}`` of every stage, in stage order."""
    rules: dict[str, str] = {}
    for module in STAGE_MODULES:
        for rule_id, meaning in module.RULES.items():
            if rule_id in rules:
                raise AssertionError(f"rule id {rule_id!r} declared twice")
            rules[rule_id] = meaning
    return rules


def rules_markdown() -> str:
    """The README's list of rule ids and flags (Markdown)."""
    lines = ["Stages, in order: " + ", ".join(f"`{name}`" for name, _ in STAGES) + ".", ""]
    lines += [f"- `{rule_id}`: {meaning}" for rule_id, meaning in all_rules().items()]
    lines += ["", "Flags (`Figure.flags`, the claims table's `flags`):", ""]
    lines += [f"- `{flag}`: {meaning}" for flag, meaning in FLAGS.items()]
    return "\n".join(lines)


def write_readme(path) -> None:
    """Replace the list between the README's ``<!-- rules:start -->`` and ``<!-- rules:end -->`` markers."""
    from pathlib import Path

    text = Path(path).read_text(encoding="utf-8")
    block = "<!-- rules:start -->\n" + rules_markdown() + "\n<!-- rules:end -->"
    Path(path).write_text(re.sub(r"<!-- rules:start -->.*?<!-- rules:end -->", lambda _: block, text, flags=re.S),
                          encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--readme"]:
        from newskit.paths import PROJECT_DIR

        write_readme(PROJECT_DIR / "README.md")
    else:
        print(rules_markdown())
