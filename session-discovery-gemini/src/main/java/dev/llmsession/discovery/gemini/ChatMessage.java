package dev.llmsession.discovery.gemini;

import java.time.Instant;

/** One message of a chat as far as read, merged over the records that carry its id. Not thread-safe. */
final class ChatMessage {
    String type;
    Instant at;
    String model;
    String text;
    GeminiTokens tokens;

    /** Takes what {@code later} says; keeps what it lacks (a resumed chat re-lists messages without tokens). */
    void merge(ChatMessage later) {
        type = later.type != null ? later.type : type;
        at = later.at != null ? later.at : at;
        model = later.model != null ? later.model : model;
        text = later.text != null ? later.text : text;
        tokens = later.tokens != null ? later.tokens : tokens;
    }
}
