package dev.llmsession;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.SpiVersion;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StoreWarmUpTest {
    /** The ids of the providers warmed up, in order. */
    static final List<String> WARMED = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @Test
    void warmUpStores_warmsTheAvailableStoresOnly_andSwallowsAFailure() throws IOException {
        WARMED.clear();
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(SessionStoreProvider.class.getName()), String.join("\n",
                FailingStoreProvider.class.getName(), UnavailableStoreProvider.class.getName(),
                AvailableStoreProvider.class.getName()) + "\n");
        ProviderContext context = new ProviderContext(dir, Map.of(), Clock.systemUTC(), Map.of());

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                StoreWarmUpTest.class.getClassLoader())) {
            FoundProviders.warmUpStores(loader, context);
        }

        assertThat(WARMED).containsExactly("failing", "available");
    }

    /** Available, and its warm-up fails. */
    public static final class FailingStoreProvider extends TestStoreProvider {
        public FailingStoreProvider() {
            super("failing");
        }

        @Override
        public void warmUp(ProviderContext context) {
            super.warmUp(context);
            throw new IllegalStateException("no driver");
        }
    }

    /** Not available in any context: never warmed up. */
    public static final class UnavailableStoreProvider extends TestStoreProvider {
        public UnavailableStoreProvider() {
            super("unavailable");
        }

        @Override
        public Optional<String> unavailableReason(ProviderContext context) {
            return Optional.of("not configured");
        }
    }

    /** Available. */
    public static final class AvailableStoreProvider extends TestStoreProvider {
        public AvailableStoreProvider() {
            super("available");
        }
    }

    abstract static class TestStoreProvider implements SessionStoreProvider {
        private final String id;

        TestStoreProvider(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public void warmUp(ProviderContext context) {
            WARMED.add(id);
        }

        @Override
        public SessionStore create(ProviderContext context) {
            throw new AssertionError("a warm-up creates no store");
        }
    }
}
