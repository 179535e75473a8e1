package dev.llmsession.architecture;

import static com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT;
import static com.tngtech.archunit.core.domain.JavaModifier.FINAL;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.llmsession.error.LlmSessionException;
import dev.llmsession.spi.ContextArchive;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.Provider;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.UsageLedger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of aesthetics §11.4, numbered as there. Every rule that selects classes fails when it selects none,
 * so a renamed package cannot make a rule pass by checking nothing.
 */
@AnalyzeClasses(packages = "dev.llmsession", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
    static final String ROOT = "dev.llmsession";
    static final String MODEL = "dev.llmsession.model..";
    static final String API = "dev.llmsession.api..";
    static final String SPI = "dev.llmsession.spi..";
    static final String ERROR = "dev.llmsession.error..";
    static final String INTERNAL = "dev.llmsession.internal..";
    static final String[] CORE = {ROOT, MODEL, API, SPI, ERROR, INTERNAL};

    static final String HOST_OSHI = "dev.llmsession.host.oshi..";
    static final String CLAUDE_CODE = "dev.llmsession.discovery.claudecode..";
    static final String CURSOR = "dev.llmsession.discovery.cursor..";
    static final String CODEX = "dev.llmsession.discovery.codex..";
    static final String GEMINI = "dev.llmsession.discovery.gemini..";
    static final String OPENCODE = "dev.llmsession.discovery.opencode..";
    static final String COPILOT = "dev.llmsession.discovery.copilot..";
    /** What adapters share (tail reader, index state, process matching): used by adapters, using only the ports. */
    static final String KIT = "dev.llmsession.adapterkit..";
    static final String SQLITE = "dev.llmsession.storage.sqlite..";
    static final String POSTGRES = "dev.llmsession.storage.postgres..";
    static final String CLI = "dev.llmsession.cli..";
    static final String CLI_CLIENT = "dev.llmsession.cli.client..";
    static final String[] ADAPTERS = {HOST_OSHI, CLAUDE_CODE, CURSOR, CODEX, GEMINI, OPENCODE, COPILOT, SQLITE, POSTGRES,
        CLI};

    /** Types a public signature of the core's ports and model may use. */
    static final String[] PUBLISHED = {"java..", MODEL, API, SPI, ERROR};

    // (1) The core depends only on the JDK, the SLF4J API and itself.
    @ArchTest
    static final ArchRule core_dependsOnlyOnJdkSlf4jAndItself = classes()
            .that().resideInAnyPackage(CORE)
            .should().onlyDependOnClassesThat(resideInAnyPackageOrArePrimitive(concat(CORE, "java..", "org.slf4j..")))
            .because("the core is a plain library: third-party types stay in adapters (SPEC §3)")
            .allowEmptyShould(false);

    // (2) The model depends on the JDK and on itself only.
    @ArchTest
    static final ArchRule model_dependsOnlyOnJdkAndModel = classes()
            .that().resideInAPackage(MODEL)
            .should().onlyDependOnClassesThat(resideInAnyPackageOrArePrimitive("java..", MODEL))
            .allowEmptyShould(false);

    // (3) The ports: spi and api see the model, the errors and the JDK; not each other, not internal, not root.
    @ArchTest
    static final ArchRule spi_dependsOnlyOnModelErrorsAndJdk = classes()
            .that().resideInAPackage(SPI)
            .should().onlyDependOnClassesThat(resideInAnyPackageOrArePrimitive(SPI, MODEL, ERROR, "java.."))
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule api_dependsOnlyOnModelErrorsAndJdk = classes()
            .that().resideInAPackage(API)
            .should().onlyDependOnClassesThat(resideInAnyPackageOrArePrimitive(API, MODEL, ERROR, "java.."))
            .allowEmptyShould(false);

    // (4) The onion: adapters never depend on each other (the CLI on no adapter either), and every class of
    // dev.llmsession belongs to a known part. Layers are optional because not every adapter module is on this
    // module's class path (cursor and sqlite are not, and a module may still be empty).
    @ArchTest
    static final ArchRule onion_adaptersNeverDependOnEachOther = onionArchitecture()
            .domainModels(MODEL)
            .domainServices(SPI, API, ERROR)
            .applicationServices(ROOT, INTERNAL, KIT)
            .adapter("host-oshi", HOST_OSHI)
            .adapter("claude-code", CLAUDE_CODE)
            .adapter("cursor", CURSOR)
            .adapter("codex", CODEX)
            .adapter("gemini", GEMINI)
            .adapter("opencode", OPENCODE)
            .adapter("copilot", COPILOT)
            .adapter("sqlite", SQLITE)
            .adapter("postgres", POSTGRES)
            .adapter("cli", CLI)
            .withOptionalLayers(true)
            .ensureAllClassesAreContainedInArchitecture();

    @ArchTest
    static final ArchRule adapters_neverDependOnEachOther = slices()
            .assignedFrom(new AdapterSlices())
            .should().notDependOnEachOther()
            .allowEmptyShould(false);

    // (5) Nothing outside the core reaches into internal.
    @ArchTest
    static final ArchRule internal_isUsedOnlyByTheCore = noClasses()
            .that().resideOutsideOfPackages(CORE)
            .should().dependOnClassesThat().resideInAPackage(INTERNAL)
            .because("internal is public for the core's own packages only (JDBI's internal)")
            .allowEmptyShould(false);

    // (5b) The CLI parses and renders: what it shows comes from the core's use cases, never from the store's role
    // ports, so embedders get everything the CLI has and no call order lives in a command.
    @ArchTest
    static final ArchRule cli_neverReachesTheStorePorts = noClasses()
            .that().resideInAPackage(CLI)
            .should().dependOnClassesThat().belongToAnyOf(SessionStore.class, TranscriptIndex.class,
                    SnapshotHistory.class, UsageLedger.class, ContextArchive.class, FileTokenCache.class)
            .because("the store is the core's: history, usage, imports, trends, tokens and doctor are use cases")
            .allowEmptyShould(false);

    // (6) Public signatures of api, spi and model expose only JDK and core port types.
    @ArchTest
    static final ArchRule ports_exposeNoThirdPartyTypes = classes()
            .that().resideInAnyPackage(MODEL, API, SPI).and().arePublic()
            .should(exposeOnlyTypesIn(PUBLISHED))
            .allowEmptyShould(false);

    // (7) Providers: public, final, public no-arg constructor, named *Provider, in an adapter package.
    @ArchTest
    static final ArchRule providers_arePublicFinalNoArgAndLiveInAdapters = classes()
            .that().implement(Provider.class).and().areNotInterfaces().and().doNotHaveModifier(ABSTRACT)
            .should().bePublic()
            .andShould().haveModifier(FINAL)
            .andShould().haveSimpleNameEndingWith("Provider")
            .andShould().resideInAnyPackage(ADAPTERS)
            .andShould(haveAPublicNoArgConstructor())
            .because("ServiceLoader instantiates providers reflectively (aesthetics §11.2)")
            .allowEmptyShould(false);

    // (8) The model is immutable: records, enums, or classes with only final fields.
    @ArchTest
    static final ArchRule model_isImmutable = classes()
            .that().resideInAPackage(MODEL)
            .should(beRecordsEnumsOrHaveOnlyFinalFields())
            .allowEmptyShould(false);

    // (9) No package cycles, the root package included.
    @ArchTest
    static final ArchRule packages_areFreeOfCycles = slices()
            .assignedFrom(new PackageSlices())
            .should().beFreeOfCycles()
            .allowEmptyShould(false);

    // The launcher's client starts in ~0.1 s only if it loads nothing but the JDK (SPEC section 3.1); the in-process
    // path is reached by name through reflection.
    @ArchTest
    static final ArchRule engineClient_dependsOnlyOnTheJdk = classes()
            .that().resideInAPackage(CLI_CLIENT)
            .should().onlyDependOnClassesThat(resideInAnyPackageOrArePrimitive("java..", CLI_CLIENT))
            .because("the client is what every command starts; each library it loaded would be start-up time")
            .allowEmptyShould(false);

    // (10) Output and logging hygiene.
    @ArchTest
    static final ArchRule standardStreams_areUsedOnlyByTheCli = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("user-facing output goes through picocli's getOut(), never System.out/err")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule javaUtilLogging_isNotUsed = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule fieldInjection_isNotUsed = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule genericExceptions_areNotThrown = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule deprecatedApi_isNotUsed = GeneralCodingRules.DEPRECATED_API_SHOULD_NOT_BE_USED
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule loggers_arePrivateStaticFinal = fields()
            .that().haveRawType("org.slf4j.Logger")
            .should().bePrivate().andShould().beStatic().andShould().beFinal()
            .allowEmptyShould(false);

    // (11) The error package is one hierarchy under LlmSessionException (ErrorCode is its enum).
    @ArchTest
    static final ArchRule errors_extendLlmSessionException = classes()
            .that().resideInAPackage(ERROR)
            .and().doNotHaveSimpleName("ErrorCode").and().doNotHaveSimpleName("package-info")
            .should().beAssignableTo(LlmSessionException.class)
            .allowEmptyShould(false);

    // (12) Only the CLI uses Guice, jakarta.inject, picocli or an SLF4J provider.
    @ArchTest
    static final ArchRule cliLibraries_areUsedOnlyByTheCli = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..",
                    "javax.inject..", "picocli..", "org.slf4j.simple..", "org.slf4j.impl..")
            .because("Guice, picocli and the SLF4J binding are the CLI's choices, not the library's")
            .allowEmptyShould(false);

    // ----------------------------------------------------------------------------------------------------------

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Like {@code resideInAnyPackage}, also accepting primitives and arrays of accepted types. */
    static DescribedPredicate<JavaClass> resideInAnyPackageOrArePrimitive(String... packages) {
        DescribedPredicate<JavaClass> inPackages = JavaClass.Predicates.resideInAnyPackage(packages);
        return DescribedPredicate.describe("reside in any package " + String.join(", ", packages),
                c -> {
                    JavaClass base = c.getBaseComponentType();
                    return base.isPrimitive() || inPackages.test(base);
                });
    }

    static ArchCondition<JavaClass> exposeOnlyTypesIn(String... packages) {
        DescribedPredicate<JavaClass> allowed = resideInAnyPackageOrArePrimitive(packages);
        return new ArchCondition<>("expose only types in " + String.join(", ", packages) + " in public signatures") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaType> exposed = new ArrayList<>();
                type.getSuperclass().ifPresent(exposed::add);
                exposed.addAll(type.getInterfaces());
                check(type, type.getDescription() + " supertypes", exposed, allowed, events);
                for (JavaMember m : type.getMembers()) {
                    if (!isVisibleOutside(m)) {
                        continue;
                    }
                    List<JavaType> signature = new ArrayList<>();
                    if (m instanceof JavaField f) {
                        signature.add(f.getType());
                    } else if (m instanceof JavaCodeUnit u) {
                        if (m instanceof JavaMethod) {
                            signature.add(u.getReturnType());
                        }
                        signature.addAll(u.getParameterTypes());
                        u.getThrowsClause().getTypes().forEach(signature::add);
                    }
                    check(type, m.getDescription(), signature, allowed, events);
                }
            }

            private void check(JavaClass owner, String where, List<JavaType> types,
                    DescribedPredicate<JavaClass> allowed, ConditionEvents events) {
                Set<String> leaked = new TreeSet<>();
                for (JavaType t : types) {
                    for (JavaClass raw : t.getAllInvolvedRawTypes()) {
                        if (!allowed.test(raw)) {
                            leaked.add(raw.getName());
                        }
                    }
                }
                if (!leaked.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(owner, where + " exposes " + leaked));
                }
            }
        };
    }

    private static boolean isVisibleOutside(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        return (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
                && !mods.contains(JavaModifier.SYNTHETIC);
    }

    static ArchCondition<JavaClass> haveAPublicNoArgConstructor() {
        return new ArchCondition<>("have a public no-arg constructor") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean ok = type.getConstructors().stream()
                        .anyMatch(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.getRawParameterTypes().isEmpty());
                events.add(new SimpleConditionEvent(type, ok, type.getName()
                        + (ok ? " has" : " has no") + " public no-arg constructor"));
            }
        };
    }

    static ArchCondition<JavaClass> beRecordsEnumsOrHaveOnlyFinalFields() {
        return new ArchCondition<>("be records or enums or have only final fields") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean record = type.getRawSuperclass().map(s -> s.isEquivalentTo(Record.class)).orElse(false);
                if (record || type.isEnum()) {
                    events.add(SimpleConditionEvent.satisfied(type, type.getName() + " is a record or an enum"));
                    return;
                }
                List<String> mutable = type.getFields().stream()
                        .filter(f -> !f.getModifiers().contains(JavaModifier.FINAL))
                        .map(JavaField::getName).sorted().toList();
                events.add(new SimpleConditionEvent(type, mutable.isEmpty(), type.getName()
                        + (mutable.isEmpty() ? " has only final fields" : " has non-final fields " + mutable)));
            }
        };
    }

    /** One slice per adapter; core and unknown classes belong to none. */
    static final class AdapterSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            for (String adapter : ADAPTERS) {
                String pkg = adapter.substring(0, adapter.length() - 2);
                if (javaClass.getPackageName().equals(pkg) || javaClass.getPackageName().startsWith(pkg + ".")) {
                    return SliceIdentifier.of(pkg);
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "adapters " + String.join(", ", ADAPTERS);
        }
    }

    /** One slice per package of dev.llmsession, the root package included. */
    static final class PackageSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "packages of " + ROOT;
        }
    }

    private ArchitectureTest() {
    }

    static Collection<String> adapterPackages() {
        return List.of(ADAPTERS);
    }
}
