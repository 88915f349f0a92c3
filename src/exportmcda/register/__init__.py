"""The decision register: decision records kept in a local SQLite database, listed, replayed."""
