package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests' one comparison of decoded claims: a {@link ProjectClaims.FileClaim} compares its keys by identity. */
final class ClaimsAssert {

    private ClaimsAssert() {
    }

    /** The same files with the same claims, each claim field by field and its keys by content. */
    static void assertSameClaims(ProjectClaims actual, ProjectClaims expected) {
        assertThat(actual.files()).containsOnlyKeys(expected.files().keySet());
        actual.files().forEach((name, c) -> {
            ProjectClaims.FileClaim o = expected.files().get(name);
            assertThat(c.stat()).isEqualTo(o.stat());
            assertThat(c.sidechain()).isEqualTo(o.sidechain());
            assertThat(c.sessionId()).isEqualTo(o.sessionId());
            assertThat(c.lastEntry()).isEqualTo(o.lastEntry());
            assertThat(c.modified()).isEqualTo(o.modified());
            assertThat(c.keys()).containsExactly(o.keys());
        });
    }
}
