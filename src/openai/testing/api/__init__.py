"""Endpoint modules of the emulator; each exports ROUTES (and TICKERS for time-driven jobs)."""
