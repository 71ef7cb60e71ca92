"""Phrases of the vocabulary file as regular expressions: the small phrase grammar of the contract.

A phrase is written as it appears in text, lower case unless case matters:

- words are separated by single spaces, which match any run of white space;
- ``(a|b c)`` is a choice, ``(a|b)?`` an optional choice (with its neighbouring space);
- ``#`` is a run of digits, ``*`` any one word;
- an apostrophe matches ``'`` and ``’``;
- a phrase with capitals and no lower-case letter ("UN", "WHO") matches only in capitals.

Every other character, and a phrase of one character ("-", "("), is literal.
:func:`phrase_pattern` gives the regex source of one phrase
(no word boundaries: the caller adds them) and :func:`alternation` that of a list, longest first.

>>> phrase_pattern("so far")
'so\\\\s+far'
>>> phrase_pattern("(on|last)? monday (night|morning)?")
'(?:(?:on|last)\\\\s+)?monday(?:\\\\s+(?:night|morning))?'
>>> phrase_pattern("(the|a)? (total)? number")
'(?:(?:the|a)\\\\s+)?(?:(?:total)\\\\s+)?number'
>>> phrase_pattern("in the past (*)? days")
'in\\\\s+the\\\\s+past(?:\\\\s+(?:\\\\w+))?\\\\s+days'
>>> import re
>>> bool(re.fullmatch(alternation(["hamas('s|-led)? attacks"]), "hamas’s  attacks"))
True
>>> bool(re.fullmatch(alternation(["hamas('s|-led)? attacks"]), "hamas attacks"))
True
>>> bool(re.fullmatch(alternation(["WHO"]), "who", re.IGNORECASE))
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class _Group:
    alternatives: tuple[tuple[object, ...], ...]  # each alternative: a sequence of items
    optional: bool


_SPACE = object()


def _parse(phrase: str) -> tuple[object, ...]:
    """``phrase`` as a sequence of items: literal strings, :data:`_SPACE` and :class:`_Group`."""
    position = 0

    def sequence(stop: str) -> list[tuple[object, ...]]:
        nonlocal position
        alternatives: list[tuple[object, ...]] = []
        items: list[object] = []
        literal = ""
        while position < len(phrase):
            char = phrase[position]
            if char == ")" and stop:
                break
            position += 1
            if char == "(":
                if literal:
                    items.append(literal)
                    literal = ""
                inner = sequence(")")  # fills alternatives up to the closing ")"
                optional = phrase.startswith("?", position)
                position += optional
                items.append(_Group(tuple(inner), optional))
            elif char == "|" and stop:
                alternatives.append((*items, literal) if literal else tuple(items))
                items, literal = [], ""
            elif char == " ":
                if literal:
                    items.append(literal)
                    literal = ""
                items.append(_SPACE)
            else:
                literal += char
        if literal:
            items.append(literal)
        alternatives.append(tuple(items))
        if stop:
            if position >= len(phrase) or phrase[position] != ")":
                raise ValueError(f"phrase {phrase!r}: unclosed '('")
            position += 1
        return alternatives

    top = sequence("")
    if position != len(phrase):
        raise ValueError(f"phrase {phrase!r}: unmatched ')' at {position}")
    return top[0]


def _literal(text: str) -> str:
    out = []
    for char in text:
        if char == "#":
            out.append(r"\d+")
        elif char == "*":
            out.append(r"\w+")
        elif char in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _emit(items: tuple[object, ...]) -> str:
    """Regex source of a sequence; a space next to an optional group goes inside the group."""
    parts: list[str] = []
    consumed = set()  # indexes of spaces already folded into a group
    for i, item in enumerate(items):
        if item is _SPACE:
            if i in consumed:
                continue
            nxt = items[i + 1] if i + 1 < len(items) else None
            if isinstance(nxt, _Group) and nxt.optional:
                parts.append(r"(?:\s+" + _alternatives(nxt) + ")?")
                consumed.add(i + 1)
                continue
            parts.append(r"\s+")
        elif isinstance(item, _Group):
            if i in consumed:
                continue
            body = _alternatives(item)
            nxt = items[i + 1] if i + 1 < len(items) else None
            if item.optional and nxt is _SPACE and (i == 0 or i - 1 in consumed):
                # a leading optional word takes its space ("(the|a)? (total)? number")
                parts.append("(?:" + body + r"\s+)?")
                consumed.add(i + 1)
            else:
                parts.append(body + ("?" if item.optional else ""))
        else:
            parts.append(_literal(str(item)))
    return "".join(parts)


def _alternatives(group: _Group) -> str:
    return "(?:" + "|".join(_emit(a) for a in group.alternatives) + ")"


def is_case_sensitive(phrase: str) -> bool:
    """A phrase with capitals and no lower-case letter ("UN", "WHO") matches only as written."""
    return any(c.isupper() for c in phrase) and not any(c.islower() for c in phrase)


def phrase_pattern(phrase: str) -> str:
    """Regex source of one phrase of the vocabulary (see the module docstring)."""
    source = _literal(phrase) if len(phrase) == 1 else _emit(_parse(phrase))
    return f"(?-i:{source})" if is_case_sensitive(phrase) else source


def alternation(phrases: Iterable[str]) -> str:
    """One regex alternation of ``phrases``, longest written phrase first (so a phrase beats its parts)."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(phrase_pattern(p) for p in unique)
