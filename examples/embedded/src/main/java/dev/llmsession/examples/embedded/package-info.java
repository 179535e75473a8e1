/** An example program that embeds llm-session as a library. */
package dev.llmsession.examples.embedded;
