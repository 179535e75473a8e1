package dev.llmsession.discovery.claudecode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The assembled, live-independent results of one project directory: what the project memo in the index keeps.
 *
 * @param files    every transcript file that was in scope for the project (main, sub-agent and flat agent files)
 * @param sessions the transcribed sessions, by session id
 */
record ProjectResults(List<Path> files, Map<String, TranscribedSession> sessions) {

    ProjectResults {
        files = List.copyOf(files);
        sessions = Map.copyOf(sessions);
    }
}
