/**
 * Live Cursor processes: the IDE's main process told from its Electron helpers by the absent {@code --type=}
 * argument, and cursor-agent's bundled node.
 */
package dev.llmsession.discovery.cursor.live;
