"""frontwatch: many conflict news reports in, one cross-checked, cited situation picture out.

Importing this package is cheap: spaCy and the gazetteer load lazily, on first analysis.
"""

__version__ = "0.1.0"
PIPELINE_VERSION = "74"  # bump when per-document extraction changes; stored analyses are then redone
