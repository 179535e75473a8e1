package dev.llmsession.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written conditions and slice assignments catch what they should: they are not vacuous. */
final class ArchitectureConditionsTest {
    // Fixtures: test classes, so @AnalyzeClasses(DoNotIncludeTests) never sees them.
    record ImmutableRecord(int a) {
    }

    enum SomeEnum { A }

    static final class OnlyFinal {
        private final int a = 1;
        private static final int B = 2;
    }

    static final class Mutable {
        private int counter;
        private static int shared;
    }

    public static final class GoodProvider {
        public GoodProvider() {
        }
    }

    public static final class ArgsOnlyProvider {
        public ArgsOnlyProvider(String s) {
        }
    }

    public static final class PrivateCtorProvider {
        private PrivateCtorProvider() {
        }
    }

    public static final class CleanPort {
        public List<String> names(Optional<Integer> limit) {
            return List.of();
        }

        private Pattern internalOnly() {
            return null;
        }
    }

    public static final class LeakyPort {
        public List<ClassFileImporter> importers() {
            return List.of();
        }
    }

    public static final class LeakyParameterPort {
        public void accept(Optional<JavaClass> c) {
        }
    }

    private static JavaClasses importOnly(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    private static EvaluationResult evaluate(com.tngtech.archunit.lang.ArchCondition<JavaClass> condition,
            Class<?>... types) {
        return classes().should(condition).evaluate(importOnly(types));
    }

    @Test
    void immutableCondition_recordsEnumsAndFinalFields_pass() {
        assertThat(evaluate(ArchitectureTest.beRecordsEnumsOrHaveOnlyFinalFields(), ImmutableRecord.class,
                SomeEnum.class, OnlyFinal.class).hasViolation()).isFalse();
    }

    @Test
    void immutableCondition_nonFinalFields_fail() {
        EvaluationResult result = evaluate(ArchitectureTest.beRecordsEnumsOrHaveOnlyFinalFields(), Mutable.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .contains("counter").contains("shared");
    }

    @Test
    void noArgConstructorCondition_publicNoArg_passes() {
        assertThat(evaluate(ArchitectureTest.haveAPublicNoArgConstructor(), GoodProvider.class).hasViolation())
                .isFalse();
    }

    @Test
    void noArgConstructorCondition_onlyArgsOrPrivate_fails() {
        assertThat(evaluate(ArchitectureTest.haveAPublicNoArgConstructor(), ArgsOnlyProvider.class).hasViolation())
                .isTrue();
        assertThat(evaluate(ArchitectureTest.haveAPublicNoArgConstructor(), PrivateCtorProvider.class).hasViolation())
                .isTrue();
    }

    @Test
    void exposeCondition_jdkTypesAndPrivateThirdParty_pass() {
        assertThat(evaluate(ArchitectureTest.exposeOnlyTypesIn("java.."), CleanPort.class).hasViolation()).isFalse();
    }

    @Test
    void exposeCondition_thirdPartyInAReturnTypeArgumentOrParameter_fails() {
        EvaluationResult leakyReturn = evaluate(ArchitectureTest.exposeOnlyTypesIn("java.."), LeakyPort.class);
        EvaluationResult leakyParameter = evaluate(ArchitectureTest.exposeOnlyTypesIn("java.."),
                LeakyParameterPort.class);

        assertThat(leakyReturn.getFailureReport().getDetails()).singleElement().asString()
                .contains(ClassFileImporter.class.getName());
        assertThat(leakyParameter.getFailureReport().getDetails()).singleElement().asString()
                .contains(JavaClass.class.getName());
    }

    @Test
    void adapterSlices_classesOfTheCoreAndOtherPackages_belongToNoAdapter() {
        ArchitectureTest.AdapterSlices slices = new ArchitectureTest.AdapterSlices();
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.llmsession");

        assertThat(core.stream().filter(c -> c.getPackageName().startsWith("dev.llmsession.host.oshi")))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(slices.getIdentifierOf(c))
                        .isEqualTo(SliceIdentifier.of("dev.llmsession.host.oshi")));
        assertThat(core.stream().filter(c -> c.getPackageName().startsWith("dev.llmsession.internal")))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(slices.getIdentifierOf(c)).isEqualTo(SliceIdentifier.ignore()));
    }

    @Test
    void packageSlices_includeTheRootPackage() {
        ArchitectureTest.PackageSlices slices = new ArchitectureTest.PackageSlices();
        JavaClasses root = new ClassFileImporter().importClasses(dev.llmsession.LlmSessions.class);

        assertThat(slices.getIdentifierOf(root.get(dev.llmsession.LlmSessions.class)))
                .isEqualTo(SliceIdentifier.of("dev.llmsession"));
        assertThat(slices().assignedFrom(slices).should().beFreeOfCycles().evaluate(root).hasViolation()).isFalse();
    }
}
