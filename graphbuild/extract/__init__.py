"""Doc -> events: the trigger lexicon, the dependency-parse extractor and a registry of extractors."""
