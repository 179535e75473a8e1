package dev.llmsession.discovery.codex;

import static dev.llmsession.adapterkit.Json.nextField;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.adapterkit.Json;
import java.io.IOException;

/**
 * The conversation message of an {@code event_msg}/{@code item_completed} line, as {@code codex exec} 0.171 writes
 * prompts and replies ({@code item {type: "UserMessage" | "AgentMessage", content: [{text}]}}) instead of the
 * {@code user_message}/{@code agent_message} events of earlier versions.
 *
 * @param user whether the user wrote it (else the agent)
 * @param text its text parts joined by blank lines, cut to {@code max}
 */
record MessageItem(boolean user, String text) {

    /** The item {@code p} is at; null when it is not a user or agent message. */
    static MessageItem read(JsonParser p, int max) throws IOException {
        if (!Json.isObject(p)) {
            return null;
        }
        String type = null;
        StringBuilder text = new StringBuilder();
        for (String name = nextField(p); name != null; name = nextField(p)) {
            if ("type".equals(name)) {
                type = Json.text(p);
            } else if ("content".equals(name) && p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    for (String f = nextField(p); f != null; f = nextField(p)) {
                        String t = "text".equals(f) ? Json.text(p) : null;
                        if (t == null) {
                            p.skipChildren();
                        } else if (text.length() < max) {
                            text.append(text.isEmpty() ? "" : "\n\n").append(t);
                        }
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        boolean user = "UserMessage".equals(type);
        if (!user && !"AgentMessage".equals(type) || text.isEmpty()) {
            return null;
        }
        return new MessageItem(user, text.length() > max ? text.substring(0, max) : text.toString());
    }

    /**
     * Which of the two ways a rollout writes its messages is read: the first one seen. A rollout that had both (not
     * seen) would otherwise show each message twice. Not thread-safe: one per read.
     */
    static final class Family {
        private Boolean items;

        /** Whether a message of this kind ({@code item_completed} or not) is read. */
        boolean accept(boolean item) {
            if (items == null) {
                items = item;
            }
            return items == item;
        }
    }
}
