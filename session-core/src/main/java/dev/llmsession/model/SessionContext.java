package dev.llmsession.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a fresh session needs to carry on a conversation: the content an adapter reads from a transcript, within
 * the limits of a {@link ContextRequest}.
 *
 * @param goals      the first prompts the user typed, oldest first
 * @param messages   the last messages, oldest first
 * @param compaction the latest compaction summary, if the conversation was compacted
 * @param files      files the tool calls read, edited or wrote, most used first
 * @param todos      the latest todo list
 * @param errors     the latest errors, oldest first
 * @since 0.1
 */
public record SessionContext(List<ContextMessage> goals, List<ContextMessage> messages,
        Optional<Compaction> compaction, List<FileActivity> files, List<TodoItem> todos, List<ContextError> errors) {
    public SessionContext {
        goals = List.copyOf(goals);
        messages = List.copyOf(messages);
        Objects.requireNonNull(compaction, "compaction");
        files = List.copyOf(files);
        todos = List.copyOf(todos);
        errors = List.copyOf(errors);
    }
}
