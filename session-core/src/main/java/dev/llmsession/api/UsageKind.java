package dev.llmsession.api;

/**
 * The usage reports, named as ccusage names them.
 *
 * @since 0.1
 */
public enum UsageKind {
    /** One row per calendar day in the report's time zone. */
    DAILY,
    /** One row per ISO week (Monday to Sunday) in the report's time zone, named by its Monday. */
    WEEKLY,
    /** One row per calendar month in the report's time zone. */
    MONTHLY,
    /** One row per session. */
    SESSION,
    /** 5-hour billing blocks, as ccusage defines them. */
    BLOCKS
}
