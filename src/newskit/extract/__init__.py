"""The casualty-figure extractor, one module per job (the public entry is :mod:`newskit.figures`).

- :mod:`~newskit.extract.vocabulary` (+ ``vocabulary.yaml``): every word list, loaded, checked, merged;
  :mod:`~newskit.extract.phrases`: the phrase grammar of that file;
  :mod:`~newskit.extract.patterns`: the patterns compiled once per vocabulary;
- :mod:`~newskit.extract.sentences`: blocks and sentence spans; :mod:`~newskit.extract.candidates`:
  each number with the reading of its noun phrase;
- one stage per field, run in the order of :data:`newskit.extract.run.STAGES`:
  :mod:`~newskit.extract.bound`, :mod:`~newskit.extract.parent`, :mod:`~newskit.extract.outcome`,
  :mod:`~newskit.extract.attribution` (source, source type), :mod:`~newskit.extract.group`,
  :mod:`~newskit.extract.scope`, :mod:`~newskit.extract.place`; each declares ``RULES`` (rule id ->
  meaning), collected by :mod:`~newskit.extract.rules`;
- :mod:`~newskit.extract.run`: :func:`extract_figures`; :mod:`~newskit.extract.record`: the Figure and
  the interval conventions; :mod:`~newskit.extract.claims`: the claims-table rows.
"""
