#!/usr/bin/env bash
# Regenerate the pictures of the README (docs/images/*.png).
#
#   docs/make_images.sh            # from anywhere inside the repository
#
# It builds seeds/ into a temporary folder (nothing is written to output/) and draws the
# diagrams with `graphbuild render`; the corpus-scale network is drawn from the synthetic year
# of benchmarks/bench_render.py (50,000 made-up events among 60 states and 360 people and
# bodies). The drawings are seeded, so the same graphbuild gives the same files; rerun it
# after a change to the extractor or to graphbuild/render/.
set -euo pipefail
cd "$(dirname "$0")/.."
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
python="${PYTHON:-python}"

graphbuild() { "$python" -m graphbuild "$@"; }

graphbuild build seeds/ --out "$build" --quiet
graphbuild render "$build" --kind network --out docs/images/network.png --quiet
graphbuild render "$build" --kind matrix --out docs/images/matrix.png --quiet
graphbuild render "$build" --kind map --out docs/images/map.png --quiet
"$python" benchmarks/bench_render.py --draw network 50000 docs/images/network-states.png
ls -l docs/images/network.png docs/images/matrix.png docs/images/map.png \
    docs/images/network-states.png


# The analyst's desk, from the corpus of notebooks/02_corpus.ipynb: the relations chart of
# Portugal and Uruguay, and the explorer as headless Chromium shows it (an event clicked).
corpus="$build/corpus"
graphbuild build notebooks/corpus/ --out "$corpus" --quiet
graphbuild render "$corpus" --kind relations --dyad PRT-URY --out docs/images/relations.png --quiet
"$python" tests/browser.py "$corpus/graph.html" docs/images/explorer.png SANCTION
ls -l docs/images/relations.png docs/images/explorer.png
