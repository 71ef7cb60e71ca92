"""Synthetic news articles for scale runs: real sentence patterns, varied numbers, dates, outlets, sources.

The patterns are written for this generator (after the shapes FIGURES.md describes: verbal, nominal
and subset figures, qualifiers, ranges, vague quantifiers, attributions, and numbers that are NOT
casualty figures); no sentence comes from a real article. Article ``i`` of seed ``s`` depends only
on ``(s, i)``, so a corpus is byte-identical run after run, and any slice can be regenerated alone.

    python bench/synthetic.py data/interim/synthetic-100k.csv 100000 --seed 7
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from newskit.errors import ParameterError

FIELDS = ["article_id", "outlet", "published", "title", "url", "text"]
FORMATS = ("csv", "jsonl")
FIRST_DAY = dt.date(2023, 10, 8)
N_DAYS = 390
PARAGRAPHS = (4, 10)

OUTLETS = [
    "Al Jazeera English", "BBC", "CNN", "The New York Times", "Reuters", "The Guardian",
    "Associated Press", "The Times of Israel", "Middle East Eye", "The Northern Ledger",
]
PLACES = [
    "Gaza City", "Khan Younis", "Rafah", "Jabalia", "Deir al-Balah", "Nuseirat", "Beit Hanoun",
    "Shujaiya", "Maghazi", "Bureij", "Beit Lahia", "al-Mawasi",
]
WEST_BANK = ["Jenin", "Nablus", "Tulkarm", "Hebron", "Ramallah", "Tubas"]
REGIONS = ["Gaza", "the Gaza Strip", "northern Gaza", "southern Gaza", "the enclave", "the Strip"]
SITES = [
    "a school sheltering displaced families", "a residential tower", "a refugee camp",
    "the grounds of a hospital", "a market", "a mosque", "a bakery", "a UN-run shelter",
]
SOURCES = [
    "the Hamas-run health ministry", "Gaza health authorities", "the health ministry in Gaza",
    "the Gaza government media office", "the Israeli military", "the IDF",
    "the prime minister's office", "Israeli officials", "the UN humanitarian office, OCHA",
    "UNRWA", "the World Health Organization", "the Palestine Red Crescent Society",
    "Médecins Sans Frontières", "Human Rights Watch", "local officials", "civil defence workers",
]
UN_BODIES = ["the UN", "OCHA", "UNRWA", "UNICEF", "the World Food Programme"]
NGOS = ["the Committee to Protect Journalists", "Reporters Without Borders", "Amnesty International"]
GROUPS = ["Palestinians", "people", "civilians", "children", "women", "residents"]
LEADERS = [
    "The Israeli prime minister", "The US secretary of state", "Egypt's foreign minister",
    "Qatar's prime minister", "The UN secretary-general", "A senior Hamas official",
]
ALLIES = ["France", "The European Union", "Jordan", "Saudi Arabia", "The United Kingdom", "Canada"]
ACCORDING_TO = ["according to", "citing", "figures from"]
LOWER = ["More than", "At least", "Over", "Upwards of"]
UPPER = ["Almost", "Nearly", "Up to", "Close to"]
APPROX = ["About", "Around", "Some", "Roughly", "An estimated"]
VAGUE = ["Dozens", "Hundreds", "Thousands", "Tens of thousands", "Scores"]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Sentences that carry casualty figures. Slots: {q} qualifier + space (may be empty), {n} {m} counts,
# {w} a number word, {pct} a percentage, {mil} millions with a decimal, and the vocabularies above.
FIGURE_PATTERNS = [
    "{q}{n} {group} have been killed in {region} since the war began, {according} {source}.",
    "{Source} said on {day} that {n} people were wounded when a strike hit {site} in {place}.",
    "The death toll in {region} has risen to {n}, {source} said in a statement on {day}.",
    "{q}{n} {group} were killed and {m} injured in overnight strikes on {place}, {source} reported.",
    "{Source} estimates that {pct}% of the population of {region} has been displaced.",
    "Of those killed, {n} were children and {m} were women, {according} {source}.",
    "{Source} believes {n} hostages are still held in {region}, {m} of whom are thought to be alive.",
    "{vague} of families fled {place} on {day} as the fighting moved south, {source} said.",
    "The military said it had lost {n} soldiers since the ground operation began, {w} of them this week.",
    "Between {n} and {m} people are missing under the rubble of {site} in {place}, rescuers said.",
    "{W} journalists have been killed since October, {according} {ngo}.",
    "{q}{mil} million people have been forced from their homes, {un} said on {day}.",
    "{Source} said {n} Palestinian prisoners had been released in exchange for {w} hostages.",
    "In the past 24 hours, {n} people were killed and {m} wounded, {source} said.",
    "Security forces detained {n} people in raids across {westbank} overnight, {source} said.",
    "{n} aid workers have died in {region} since the start of the conflict, {un} said.",
    "A strike on {site} in {place} killed {w} members of one family, witnesses told {outlet}.",
    "The attack killed {q}{n} people and injured {m} more, {according} {source}.",
]
# Sentences with no casualty figure, some holding numbers that are NOT figures (counts of things,
# ages, years, durations, resolution numbers).
FILLER_PATTERNS = [
    "{Leader} told reporters that talks on a ceasefire would continue next week.",
    "{n_small} trucks carrying food and medicine crossed into {region} on {day}, {un} said.",
    "The truce agreed in {year} was meant to hold for {w} days.",
    "A {age}-year-old resident of {place} said the night of the strikes was the worst she could remember.",
    "{Ally} has called for a pause in the fighting to allow more aid into {region}.",
    "The UN Security Council is due to vote on resolution {res} on {day}.",
    "Footage verified by {outlet} shows {site} reduced to rubble.",
    "Prices in the markets of {place} have more than doubled, traders said.",
    "{Leader} is expected to travel to the region for the {ordinal} time since the war began.",
    "Electricity has been cut for {w} days, and water is rationed to a few litres a person.",
    "Diplomats said the proposal had been revised {w} times since {month}.",
    "The crossing at Rafah was closed on {day} after {n_small} rockets were fired, the army said.",
]
TITLE_PATTERNS = [
    "{Place}: {n} killed in strikes, {source} says",
    "Ceasefire talks stall as toll in {region} passes {n}",
    "{Ally} urges restraint after strike on {site}",
    "Live updates: fighting in {place}, aid crossings",
    "What we know about the hostages still held in {region}",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]


def _count(rng: random.Random) -> str:
    """A casualty count as news writes it: small or large, with thousands separators."""
    magnitude = rng.choice((1, 2, 2, 3, 3, 4, 4, 5))
    value = rng.randint(2, 10**magnitude - 1) if magnitude > 1 else rng.randint(2, 9)
    return f"{value:,}"


def _slots(rng: random.Random, outlet: str) -> dict[str, str]:
    source = rng.choice(SOURCES)
    ally, leader, place = rng.choice(ALLIES), rng.choice(LEADERS), rng.choice(PLACES)
    qualifier = rng.choice([*LOWER, *UPPER, *APPROX, "", "", ""])
    word = rng.choice(WORDS)
    return {
        "q": f"{qualifier.lower()} " if qualifier else "",
        "n": _count(rng),
        "m": _count(rng),
        "n_small": str(rng.randint(2, 400)),
        "w": word,
        "W": word.capitalize(),
        "pct": str(rng.randint(5, 95)),
        "mil": f"{rng.randint(1, 2)}.{rng.randint(1, 9)}",
        "vague": rng.choice(VAGUE),
        "group": rng.choice(GROUPS),
        "region": rng.choice(REGIONS),
        "place": place,
        "Place": place,
        "westbank": rng.choice(WEST_BANK),
        "site": rng.choice(SITES),
        "source": source,
        "Source": source[0].upper() + source[1:],
        "according": rng.choice(ACCORDING_TO),
        "un": rng.choice(UN_BODIES),
        "ngo": rng.choice(NGOS),
        "day": rng.choice(WEEKDAYS),
        "outlet": outlet,
        "Leader": leader,
        "Ally": ally,
        "year": str(rng.randint(2005, 2023)),
        "age": str(rng.randint(6, 80)),
        "res": str(rng.randint(2700, 2799)),
        "month": rng.choice(MONTHS),
        "ordinal": rng.choice(ORDINALS),
    }


def _sentence(rng: random.Random, patterns: list[str], outlet: str) -> str:
    text = rng.choice(patterns).format_map(_slots(rng, outlet))
    return text[0].upper() + text[1:]


def synthetic_article(index: int, *, seed: int = 0, paragraphs: tuple[int, int] = PARAGRAPHS) -> dict[str, str]:
    """Article number ``index`` of the synthetic corpus ``seed``: a dict with :data:`FIELDS`.

    The text has ``paragraphs`` (low, high) paragraphs of 1 to 3 sentences, about 140 characters
    per sentence; about 40 % of sentences carry a figure.
    """
    rng = random.Random(f"newskit-synthetic:{seed}:{index}")
    outlet = rng.choice(OUTLETS)
    published = FIRST_DAY + dt.timedelta(days=rng.randrange(N_DAYS))
    blocks = []
    for _ in range(rng.randint(*paragraphs)):
        sentences = [
            _sentence(rng, FIGURE_PATTERNS if rng.random() < 0.4 else FILLER_PATTERNS, outlet)
            for _ in range(rng.randint(1, 3))
        ]
        blocks.append(" ".join(sentences))
    article_id = f"syn{seed}-{index:07d}"
    return {
        "article_id": article_id,
        "outlet": outlet,
        "published": published.isoformat(),
        "title": _sentence(rng, TITLE_PATTERNS, outlet),
        "url": f"https://example.org/{outlet.lower().replace(' ', '-')}/{article_id}",
        "text": "\n\n".join(blocks),
    }


def iter_synthetic_articles(
    n_articles: int, *, seed: int = 0, start: int = 0, paragraphs: tuple[int, int] = PARAGRAPHS
) -> Iterator[dict[str, str]]:
    """Articles ``start .. start + n_articles - 1`` of the synthetic corpus ``seed``, one at a time."""
    for index in range(start, start + n_articles):
        yield synthetic_article(index, seed=seed, paragraphs=paragraphs)


def write_synthetic_corpus(
    path: str | Path, n_articles: int, *, seed: int = 0, paragraphs: tuple[int, int] = PARAGRAPHS
) -> Path:
    """Write ``n_articles`` synthetic articles to ``path`` (``.csv`` or ``.jsonl``), streaming.

    Same ``(n_articles, seed)`` gives a byte-identical file. Returns the path.
    """
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ParameterError(f"synthetic corpus {path}: the name must end in .csv or .jsonl, not {path.suffix!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    articles = iter_synthetic_articles(n_articles, seed=seed, paragraphs=paragraphs)
    with path.open("w", encoding="utf-8", newline="") as handle:
        if suffix == "csv":
            writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(articles)
        else:
            for article in articles:
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="output file, .csv or .jsonl")
    parser.add_argument("n_articles", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--paragraphs", type=int, nargs=2, default=PARAGRAPHS, metavar=("LOW", "HIGH"),
                        help="paragraphs per article, drawn between LOW and HIGH (default: 4 10)")
    args = parser.parse_args(argv)
    path = write_synthetic_corpus(args.path, args.n_articles, seed=args.seed, paragraphs=tuple(args.paragraphs))
    print(f"{args.n_articles} synthetic articles (seed {args.seed}) -> {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
