package dev.llmsession.spi;

import dev.llmsession.model.ProcessTable;

/**
 * Reads the host's process table. Thread-safe.
 *
 * @since 0.1
 */
public interface HostProbe {
    /** One snapshot of every process the current user can see. */
    ProcessTable processes();
}
