"""Doc -> events: the trigger lexicon, the dependency-parse extractor and a registry of extractors.

``graphbuild.extract`` is also the notebook function ``graphbuild.extract(text)``: Python binds
the name ``graphbuild.extract`` to this package, so ``graphbuild/__init__.py`` makes the
package callable, doing what :func:`graphbuild.pipeline.extract` does. This package imports
nothing of the pipeline.
"""
