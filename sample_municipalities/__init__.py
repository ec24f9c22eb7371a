"""Seeded generator of SYNTHETIC municipal child-rights data (SINTĒTISKI DATI) for demos and tests."""
