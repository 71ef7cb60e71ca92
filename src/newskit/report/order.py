"""The report's notebooks: their run order, the question each answers, and the kernel they run on."""

from __future__ import annotations

KERNEL_NAME = "newskit"
# Run order. 00-summary is read first but runs last: it shows the tables the others wrote.
RUN_ORDER: tuple[str, ...] = (
    "01-corpus",
    "02-casualty-figures",
    "03-figure-statistics",
    "04-topics",
    "00-summary",
)
# The stage tables each notebook reads (newskit.pipeline.STAGES, and "topics": pipeline.load_topic_stage).
# The runner starts a notebook once these are computed; 00-summary reads the tables the others wrote.
NOTEBOOK_STAGES: dict[str, tuple[str, ...]] = {
    "01-corpus": ("articles", "passages", "removals"),
    "02-casualty-figures": ("articles", "claims"),
    "03-figure-statistics": ("claims",),
    "04-topics": ("articles", "claims", "topics"),
    "00-summary": (),
}
QUESTIONS: dict[str, str] = {
    "00-summary": "What are the headline figures of this corpus, and where is the evidence for each?",
    "01-corpus": "What was loaded, and what did cleaning remove and why?",
    "02-casualty-figures": ("Which casualty figures does the coverage report, attributed to whom, with what evidence?"),
    "03-figure-statistics": (
        "How do the reported figures relate to the official series: lag, dating, discrepancies, "
        "consistency and rounding?"
    ),
    "04-topics": "What does the coverage talk about, and which topics carry which figures?",
}
HEADLINES_MIMETYPE = "application/vnd.newskit.headlines+json"
# The kernel's environment: str hashes and matplotlib's backend fixed, so two runs give the same bytes.
KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
