/**
 * Inbound ports: the use cases the CLI and embedding programs call ({@link dev.llmsession.api.SessionCatalog},
 * {@link dev.llmsession.api.SessionHealth}), with their request and result records.
 */
package dev.llmsession.api;
