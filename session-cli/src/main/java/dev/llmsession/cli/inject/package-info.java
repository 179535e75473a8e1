/**
 * Guice assembly of the command line: the module that binds the providers, configuration and the
 * {@code LlmSessions} built from them, and the picocli factory that creates commands through the injector.
 * Guice is used here and nowhere else.
 */
package dev.llmsession.cli.inject;
