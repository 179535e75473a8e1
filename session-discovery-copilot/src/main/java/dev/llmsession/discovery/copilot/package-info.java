/**
 * GitHub Copilot CLI discovery adapter: {@code $COPILOT_HOME/session-state/<session>/events.jsonl} (default
 * {@code ~/.copilot}), one {@code session.usage_record} per API call (the cumulative {@code session.shutdown}
 * totals are never added to them), context from the last call against the prompt limit Copilot records, live
 * processes by directory and start time. Copilot bills premium requests, not tokens: the cost is unknown ("?").
 * Built on the adapter kit; strictly read-only. Entry point:
 * {@link dev.llmsession.discovery.copilot.CopilotDiscoveryProvider}.
 */
package dev.llmsession.discovery.copilot;
