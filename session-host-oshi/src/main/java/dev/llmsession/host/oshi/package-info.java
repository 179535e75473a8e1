/**
 * Host probe adapter on OSHI: reads the host's process table (pid, parent, name, path, arguments, working
 * directory, start time) once per refresh for the discovery adapters. OSHI types stay inside this package;
 * the only public type is {@link dev.llmsession.host.oshi.OshiHostProbeProvider}, the {@code ServiceLoader} entry.
 */
package dev.llmsession.host.oshi;
