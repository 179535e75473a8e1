package dev.llmsession.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * The class loader of one plugin jar. Classes resolve parent first, so the plugin shares the host's SPI and
 * model types; services files come from the jar alone, so {@code ServiceLoader} through it finds only the
 * plugin's providers and never the host's own a second time.
 */
public final class PluginClassLoader extends URLClassLoader {
    private static final String SERVICES = "META-INF/services/";

    static {
        registerAsParallelCapable();
    }

    public PluginClassLoader(URL jar, ClassLoader parent) {
        super("llm-session-plugin", new URL[] {jar}, parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(SERVICES) ? findResources(name) : super.getResources(name);
    }

    @Override
    public URL getResource(String name) {
        return name.startsWith(SERVICES) ? findResource(name) : super.getResource(name);
    }
}
