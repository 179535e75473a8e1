/**
 * Read-only access to Cursor's SQLite key/value databases ({@code state.vscdb}) and streaming readers of the JSON
 * values they hold (composers, bubbles, workspace lists, the Cursor 3 catalogue, the legacy chat panel), with a
 * per-database memo so that a refresh reads only what changed.
 */
package dev.llmsession.discovery.cursor.store;
