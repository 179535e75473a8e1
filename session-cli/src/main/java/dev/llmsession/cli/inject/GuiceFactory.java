package dev.llmsession.cli.inject;

import com.google.inject.Injector;
import com.google.inject.Key;
import java.util.Objects;
import picocli.CommandLine;

/** picocli's factory backed by Guice: bound classes come from the injector, the rest from picocli's default. */
public final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    public GuiceFactory(Injector injector) {
        this.injector = Objects.requireNonNull(injector, "injector");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (injector.getExistingBinding(Key.get(type)) != null) {
            return injector.getInstance(type);
        }
        return CommandLine.defaultFactory().create(type);
    }
}
