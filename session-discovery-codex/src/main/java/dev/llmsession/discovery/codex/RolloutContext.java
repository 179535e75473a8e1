package dev.llmsession.discovery.codex;

import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.adapterkit.ContextCollector;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.adapterkit.JsonlTail;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.SessionContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A rollout's conversation for export: user prompts and agent messages ({@code event_msg} {@code user_message},
 * {@code agent_message}, or 0.171's {@code item_completed} items: {@link MessageItem}), the latest compaction summary ({@code compacted}), errors and interrupts. Streams the
 * file once in bounded memory; lines too long to keep are skipped.
 */
final class RolloutContext {
    private RolloutContext() {
    }

    static SessionContext read(Path file, ContextRequest request) throws IOException {
        ContextCollector out = new ContextCollector(request);
        MessageItem.Family family = new MessageItem.Family();
        new JsonlTail().read(file, 0, (line, n, complete) -> {
            if (complete) {
                apply(line, n, out, family);
            }
        });
        return out.result();
    }

    private static void apply(byte[] line, int length, ContextCollector out, MessageItem.Family family) {
        try (JsonParser p = Json.parser(line, length)) {
            if (!Json.enterObject(p)) {
                return;
            }
            Instant at = null;
            String type = null;
            String kind = null;
            String message = null;
            String reason = null;
            MessageItem item = null;
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "timestamp" -> at = Json.instant(text(p));
                    case "type" -> type = text(p);
                    case "payload" -> {
                        if (Json.isObject(p)) {
                            for (String f = nextField(p); f != null; f = nextField(p)) {
                                switch (f) {
                                    case "type" -> kind = text(p);
                                    case "message" -> message = text(p);
                                    case "reason" -> reason = text(p);
                                    case "item" -> item = MessageItem.read(p, Integer.MAX_VALUE);
                                    default -> p.skipChildren();
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if ("compacted".equals(type)) {
                out.compaction(at, message);
            } else if ("event_msg".equals(type) && kind != null) {
                switch (kind) {
                    case "user_message" -> {
                        if (family.accept(false)) {
                            out.user(at, message);
                        }
                    }
                    case "agent_message" -> {
                        if (family.accept(false)) {
                            out.assistant(at, message);
                        }
                    }
                    case "item_completed" -> {
                        if (item != null && family.accept(true)) {
                            if (item.user()) {
                                out.user(at, item.text());
                            } else {
                                out.assistant(at, item.text());
                            }
                        }
                    }
                    case "error" -> out.error(at, "api", message);
                    case "turn_aborted" -> out.error(at, "interrupt", reason);
                    default -> {
                        // reasoning, tool and token events are not conversation
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged line adds nothing to the context
        }
    }
}
