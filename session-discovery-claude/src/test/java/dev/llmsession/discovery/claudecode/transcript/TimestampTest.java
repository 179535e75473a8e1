package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A line's timestamp is read exactly as {@link Instant#parse} reads it, also where the shortcut does not apply. */
final class TimestampTest {

    @Test
    void instant_claudeShapesAndCorruptions_sameAsInstantParse() {
        Random random = new Random(42);
        String digits = "0123456789";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder t = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                    random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(26),
                    random.nextInt(62), random.nextInt(62), random.nextInt(1000)));
            if (random.nextInt(4) == 0) {
                int at = random.nextInt(t.length());
                switch (random.nextInt(3)) {
                    case 0 -> t.setCharAt(at, digits.charAt(random.nextInt(10)));
                    case 1 -> t.setCharAt(at, "-T:.Z+x \u0660".charAt(random.nextInt(9)));
                    default -> t.deleteCharAt(at);
                }
            }
            String text = t.toString();
            assertThat(LineParser.instant(text)).as(text).isEqualTo(parse(text));
        }
        assertThat(LineParser.instant("2026-02-29T10:00:00.000Z")).isNull();
        assertThat(LineParser.instant("2028-02-29T23:59:59.999Z")).isEqualTo(Instant.parse("2028-02-29T23:59:59.999Z"));
        assertThat(LineParser.instant("2026-02-12T16:00:00Z")).isEqualTo(Instant.parse("2026-02-12T16:00:00Z"));
    }

    @Test
    void epochDay_everyDayOfFourDigitYears_sameAsLocalDate() {
        for (java.time.LocalDate d = java.time.LocalDate.of(0, 1, 1); d.getYear() < 10_000; d = d.plusDays(1)) {
            if (LineParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()) != d.toEpochDay()) {
                throw new AssertionError(d + ": " + LineParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
            }
        }
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
