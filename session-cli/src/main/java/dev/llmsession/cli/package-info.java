/**
 * The {@code llm-session} command line: {@link dev.llmsession.cli.Main} parses the arguments with picocli,
 * assembles the library with Guice and maps every failure to one line on stderr and an exit code.
 */
package dev.llmsession.cli;
