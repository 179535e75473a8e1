/**
 * The launcher's client: it loads nothing but the JDK (an architecture rule keeps it so), hands the command line
 * to a running engine over a Unix-domain socket and prints what comes back, or runs the command in this JVM when
 * no engine answers.
 */
package dev.llmsession.cli.client;
