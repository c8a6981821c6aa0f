"""Code every newsflow service shares: contracts, settings, logging, streams, broker set-up."""
