"""Call history, statistics and callbacks: PostgreSQL in production, SQLite embedded."""
