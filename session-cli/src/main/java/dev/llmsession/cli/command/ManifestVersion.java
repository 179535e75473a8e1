package dev.llmsession.cli.command;

import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the Implementation-Version of the jar, or {@code dev} when run from classes. */
public final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Optional.ofNullable(ManifestVersion.class.getPackage())
                .map(Package::getImplementationVersion).orElse("dev");
        return new String[] {"llm-session " + v};
    }
}
