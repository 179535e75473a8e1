package dev.llmsession.discovery.cursor;

import dev.llmsession.discovery.cursor.agent.AgentChat;
import dev.llmsession.discovery.cursor.agent.AgentChats;
import dev.llmsession.discovery.cursor.live.CursorProcesses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A running cursor-agent tied to one of its chats: by {@code --resume <id>} in argv, else the newest chat of its
 * folder ({@code chats/<md5 of cwd>/}) written since the process started.
 *
 * @param agent    the process
 * @param cwd      the folder it works in ({@code --workspace}, else its cwd)
 * @param evidence how the chat was tied to it
 */
record AgentMatch(CursorProcesses.Agent agent, Optional<String> cwd, String evidence) {
    /** A chat may have been written just before the process's start was taken. */
    static final Duration START_SLACK = Duration.ofSeconds(5);

    static Map<String, AgentMatch> match(List<AgentChat> chats, List<CursorProcesses.Agent> agents) {
        Map<String, AgentMatch> out = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (CursorProcesses.Agent a : agents) {
            long pid = a.process().pid();
            Optional<String> cwd = a.workspace().or(() -> a.process().cwd());
            if (a.resumedChat().isPresent()) {
                String id = a.resumedChat().get();
                if (chats.stream().anyMatch(c -> c.id().equals(id)) && taken.add(id)) {
                    out.put(id, new AgentMatch(a, cwd, "cursor-agent pid " + pid + " resumed it (--resume)"));
                    continue;
                }
            }
            if (cwd.isEmpty()) {
                continue;
            }
            String hash = AgentChats.cwdHash(cwd.get());
            Instant start = a.process().startedAt().orElse(null);
            List<AgentChat> candidates = new ArrayList<>(chats.stream().filter(c -> c.cwdHash().equals(hash))
                    .filter(c -> !taken.contains(c.id())).toList());
            candidates.sort(Comparator.comparingLong(AgentChat::lastWriteAt).reversed());
            for (AgentChat c : candidates) {
                if (start != null && Instant.ofEpochMilli(c.lastWriteAt()).isBefore(start.minus(START_SLACK))) {
                    break; // its newest chat predates it: the chat of this run is not written yet
                }
                taken.add(c.id());
                out.put(c.id(), new AgentMatch(a, cwd, "newest chat of " + cwd.get() + " (chats/" + hash + ") "
                        + (start != null ? "written since cursor-agent pid " + pid + " started"
                                : "while cursor-agent pid " + pid + " runs (its start time is unknown)")));
                break;
            }
        }
        return out;
    }
}
