package dev.llmsession.cli.client;

import java.util.concurrent.ThreadFactory;

/** Threads that never keep the JVM alive, each named for thread dumps (JDK only, like the rest of this package). */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** An unstarted daemon thread running {@code task}. */
    public static Thread of(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** A factory of daemon threads all called {@code name}, for an executor. */
    public static ThreadFactory named(String name) {
        return task -> of(name, task);
    }
}
