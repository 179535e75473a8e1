/**
 * llm-session's library entry point, {@link dev.llmsession.LlmSessions}: build it with the providers you
 * want, then list sessions and score their health.
 */
package dev.llmsession;
