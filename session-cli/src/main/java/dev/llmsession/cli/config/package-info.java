/**
 * The YAML configuration file: where it is, how it maps to the core's {@code HealthPolicy} and flat
 * provider settings, and how a bad file is reported (file, line, column, problem).
 */
package dev.llmsession.cli.config;
