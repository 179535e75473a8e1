/**
 * An example third-party plugin for Aider, an assistant llm-session does not ship: it reads the
 * {@code .aider.chat.history.md} Aider appends to in a project's root, one session per
 * {@code # aider chat started at} header, with the token and cost lines Aider prints after each reply. Built on the
 * adapter kit, shaded into the plugin jar. Entry point: {@link dev.llmsession.examples.aider.AiderDiscoveryProvider}.
 */
package dev.llmsession.examples.aider;
