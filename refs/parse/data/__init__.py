"""The parse model file (parse.crfsuite), shipped as package data."""
