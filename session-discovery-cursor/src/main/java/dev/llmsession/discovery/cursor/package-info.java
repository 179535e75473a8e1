/**
 * Cursor discovery adapter: Cursor IDE conversations (global {@code state.vscdb}, per-workspace lists, the Cursor 3
 * catalogue, the pre-0.43 workspace format) and cursor-agent chats ({@code ~/.cursor/chats/}), with their running
 * state from the process table. Strictly read-only. Entry point:
 * {@link dev.llmsession.discovery.cursor.CursorDiscoveryProvider}.
 */
package dev.llmsession.discovery.cursor;
