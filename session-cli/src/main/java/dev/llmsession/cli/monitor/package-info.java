/**
 * {@code llm-session monitor}, the live dashboard (SPEC §6). The pieces are kept apart so each can be tested
 * without a terminal: {@link dev.llmsession.cli.monitor.MonitorState} (selection, sort, filter, views; pure),
 * {@link dev.llmsession.cli.monitor.MonitorScreen} (a state drawn into a {@link dev.llmsession.cli.monitor.Frame}
 * of fixed size), {@link dev.llmsession.cli.monitor.Frame#diff} (only changed lines are redrawn), the
 * {@link dev.llmsession.cli.monitor.TerminalPort} (JLine in production, a virtual terminal in tests), the
 * {@link dev.llmsession.cli.monitor.Refresher} (the background thread that does all I/O) and the
 * {@link dev.llmsession.cli.monitor.Monitor} loop that ties them together on the UI thread. When an engine serves
 * the world, the data comes from its snapshots instead ({@link dev.llmsession.cli.monitor.EngineFeed},
 * {@link dev.llmsession.cli.monitor.EngineUpdates}, encoded once by {@link dev.llmsession.cli.monitor.SnapshotCodec}).
 */
package dev.llmsession.cli.monitor;
