package dev.llmsession.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import org.junit.jupiter.api.Test;

final class LabelsTest {
    @Test
    void shortModel_dropsVendorAndDate() {
        assertThat(Labels.shortModel("claude-opus-4-6")).isEqualTo("opus-4-6");
        assertThat(Labels.shortModel("claude-sonnet-4-5-20250929")).isEqualTo("sonnet-4-5");
        assertThat(Labels.shortModel("gpt-5-codex")).isEqualTo("gpt-5-codex");
    }

    @Test
    void statePhrase_readsAsASentence() {
        assertThat(Labels.statePhrase(ActivityState.WAITING_INPUT)).isEqualTo("waiting for input");
        assertThat(Labels.statePhrase(ActivityState.WORKING)).isEqualTo("working");
    }

    @Test
    void rounded_keepsOneDecimalAtLeastAndNoTrailingZeros() {
        assertThat(SessionJson.rounded(53.0, 1).toPlainString()).isEqualTo("53.0");
        assertThat(SessionJson.rounded(10.11347, 4).toPlainString()).isEqualTo("10.1135");
        assertThat(SessionJson.rounded(10.0, 4).toPlainString()).isEqualTo("10.0");
        assertThat(SessionJson.rounded(0.4, 4).toPlainString()).isEqualTo("0.4");
    }

    @Test
    void statusCell_marksOnlyTheSessionsThatNeedTheUser() {
        assertThat(Labels.statusCell(ActivityState.WAITING_PERMISSION)).isEqualTo("!perm");
        assertThat(Labels.statusCell(ActivityState.ERRORED)).isEqualTo("!error");
        assertThat(Labels.statusCell(ActivityState.WAITING_INPUT)).isEqualTo("input");
        assertThat(Labels.statusCell(ActivityState.WORKING)).isEqualTo("working");
    }

    @Test
    void statusLegend_explainsTheMarkWhenOneIsShown() {
        assertThat(Labels.statusLegend(java.util.List.of(ActivityState.WAITING_PERMISSION, ActivityState.WORKING),
                " · ")).contains("! = needs you · perm = waiting for permission");
        assertThat(Labels.statusLegend(java.util.List.of(ActivityState.ERRORED), " · ")).contains("! = needs you");
        assertThat(Labels.statusLegend(java.util.List.of(ActivityState.WAITING_INPUT), " · "))
                .contains("input = waiting for input");
    }
}
