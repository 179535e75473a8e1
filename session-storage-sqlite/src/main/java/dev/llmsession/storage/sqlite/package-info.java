/**
 * SQLite session store: the per-file transcript index, de-duplicated usage rows, every session's latest
 * state and its time series of samples, in one WAL-mode database file ({@code store.db}, SPEC §7) reached
 * through JDBI and sqlite-jdbc. Versioned migrations ({@code db/V<n>__*.sql}) upgrade an older store; a
 * corrupt one is moved aside and rebuilt, since everything in it can be read again from the transcripts.
 * Entry point: {@link dev.llmsession.storage.sqlite.SqliteStoreProvider}.
 */
package dev.llmsession.storage.sqlite;
