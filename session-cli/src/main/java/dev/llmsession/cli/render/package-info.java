/**
 * Turning sessions and health reports into text: width-aware tables, ANSI colour when allowed, ASCII
 * fallbacks for icons, and the stable JSON of SPEC §2 (written with Jackson).
 */
package dev.llmsession.cli.render;
