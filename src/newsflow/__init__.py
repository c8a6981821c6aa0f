"""newsflow: turns raw scraped news pages into clean, enriched, stored articles.

The project's ``shared/`` and ``services/`` folders are shipped as the
sub-packages ``newsflow.shared`` and ``newsflow.services`` (see the README,
"Package layout"), so nothing bare called ``shared`` lands in site-packages.
"""

__version__ = "0.1.0"
