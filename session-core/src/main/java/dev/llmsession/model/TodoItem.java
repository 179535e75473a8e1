package dev.llmsession.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a session's latest todo list.
 *
 * @param content    what is to be done
 * @param status     {@code pending}, {@code in_progress} or {@code completed} (as the assistant wrote it)
 * @param activeForm the present-tense form the assistant shows while working on it, if any
 * @since 0.1
 */
public record TodoItem(String content, String status, Optional<String> activeForm) {
    public TodoItem {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(activeForm, "activeForm");
    }
}
