"""dkg: an event-sourced diplomatic knowledge graph (the core, free of web code)."""

__version__ = "0.1.0"
