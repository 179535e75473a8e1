package dev.llmsession.discovery.cursor.store;

import java.nio.file.Path;

/** Test access to {@link KvStore}'s package-private checks. */
public final class KvStoreAccess {
    private KvStoreAccess() {
    }

    public static boolean walMode(Path file) {
        return KvStore.walMode(file);
    }
}
