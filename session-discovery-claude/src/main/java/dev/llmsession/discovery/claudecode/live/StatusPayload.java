package dev.llmsession.discovery.claudecode.live;

import dev.llmsession.model.PlanLimits;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one Claude Code status-line payload says, as far as llm-session uses it. Figures that are missing or
 * invalid are empty, never 0.
 *
 * @param sessionId  {@code session_id}
 * @param window     {@code context_window.context_window_size} (exact for the session's model)
 * @param context    input + cache write + cache read of {@code context_window.current_usage}; empty while that is
 *                   null (before the first call)
 * @param modelId    {@code model.id}, or empty
 * @param limits     {@code rate_limits} (Pro/Max subscribers only, after the first response), or empty
 * @param seenAt     when the payload was recorded (the spool file's modification time)
 */
public record StatusPayload(String sessionId, OptionalLong window, OptionalLong context, Optional<String> modelId,
        Optional<PlanLimits> limits, Instant seenAt) {
}
