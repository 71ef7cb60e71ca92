"""newskit: casualty figures in news coverage as attributed, checkable claims.

Data flow: corpus -> clean -> figures -> reference/stats -> topics -> report. Each stage reads only
what is upstream of it; nothing writes under ``data/raw/``.
"""

__version__ = "0.1.0"
