/**
 * Context packs on disk (SPEC §8): the JSON codec with its canonical form and checksum, the JSON Schema check,
 * the markdown brief and primer, and safe (atomic, owner-only, never silently overwriting) file writes. Used by
 * the {@code export} and {@code import-context} commands and by the monitor's export key.
 */
package dev.llmsession.cli.context;
