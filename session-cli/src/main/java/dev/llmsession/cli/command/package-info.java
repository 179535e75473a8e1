/**
 * The picocli commands ({@code list}, {@code health}, {@code providers}, {@code doctor}), their shared global
 * options, the environment a run sees, and the mapping of exceptions to one-line messages and exit codes.
 */
package dev.llmsession.cli.command;
