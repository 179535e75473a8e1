/**
 * The team database on PostgreSQL 15+ (JDBI and PostgreSQL's JDBC driver): schema migrations, the per-machine
 * writer and read-only viewer roles with row-level security, and the connection settings (TLS through the URL's
 * {@code sslmode}, the password from an owner-only file or the environment).
 */
package dev.llmsession.storage.postgres;
