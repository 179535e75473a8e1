package dev.llmsession.discovery.cursor.agent;

import dev.llmsession.model.DataQuality;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One cursor-agent chat: {@code ~/.cursor/chats/<md5 of cwd>/<id>/store.db} and, where present, its transcript
 * under {@code ~/.cursor/projects/<slug>/agent-transcripts/}. cursor-agent records no token counts.
 *
 * @param id            the agent (chat) id
 * @param store         the {@code store.db}
 * @param cwdHash       the directory name: MD5 of the working directory
 * @param name          the chat's title
 * @param createdAt     epoch ms
 * @param lastWriteAt   the latest write to the store or the transcript, epoch ms
 * @param model         {@code lastUsedModel} ({@code default} means Auto)
 * @param messages      user and assistant messages
 * @param userMessages  user messages
 * @param transcript    the transcript file, when there is one
 * @param slugCwd       the working directory the transcript's folder name decodes to, when that folder exists
 * @param problem       why the store could not be read, when it could not
 * @param quality       the transcript's malformed lines and unfinished tail; unreadable store or transcript
 */
public record AgentChat(String id, Path store, String cwdHash, Optional<String> name, OptionalLong createdAt,
        long lastWriteAt, Optional<String> model, int messages, int userMessages, Optional<Path> transcript,
        Optional<String> slugCwd, Optional<String> problem, DataQuality quality) {
    public AgentChat {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(quality, "quality");
    }

    /** The files the chat was read from. */
    public List<Path> sources() {
        return transcript.map(t -> List.of(store, t)).orElse(List.of(store));
    }
}
