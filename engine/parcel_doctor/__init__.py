"""parcel-doctor: a rule-based expert system for parcels whose tracking goes quiet."""

__version__ = "0.1.0"
