#!/usr/bin/env bash
# Regenerate the pictures of the README (docs/images/*.png) from the seed articles.
#
#   docs/make_images.sh            # from anywhere inside the repository
#
# It builds seeds/ into a temporary folder (nothing is written to output/) and draws the
# diagrams with `graphbuild render`. The drawings are seeded, so the same graphbuild gives
# the same files; rerun it after a change to the extractor or to graphbuild/render.py.
set -euo pipefail
cd "$(dirname "$0")/.."
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT

graphbuild() { python -m graphbuild "$@"; }

graphbuild build seeds/ --out "$build" --quiet
graphbuild render "$build" --kind network --out docs/images/network.png --quiet
graphbuild render "$build" --kind matrix --out docs/images/matrix.png --quiet
ls -l docs/images/network.png docs/images/matrix.png

# The analyst's desk, from the corpus of notebooks/02_corpus.ipynb: the relations chart of
# Portugal and Uruguay, and the explorer as headless Chromium shows it (an event clicked).
corpus="$build/corpus"
graphbuild build notebooks/corpus/ --out "$corpus" --quiet
graphbuild render "$corpus" --kind relations --dyad PRT-URY --out docs/images/relations.png --quiet
python tests/browser.py "$corpus/graph.html" docs/images/explorer.png SANCTION
ls -l docs/images/relations.png docs/images/explorer.png
