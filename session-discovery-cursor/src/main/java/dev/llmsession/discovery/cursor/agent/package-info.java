/**
 * cursor-agent (the Cursor CLI): its chats in {@code ~/.cursor/chats/<md5 of cwd>/<id>/store.db} and transcripts in
 * {@code ~/.cursor/projects/<slug>/agent-transcripts/}. Read-only.
 */
package dev.llmsession.discovery.cursor.agent;
