"""Recognising and resolving actors: gazetteer (states, organisations, titles) and resolution."""
