/**
 * ArchUnit rules over every module (aesthetics §11.4): core purity, ports free of adapters and third-party types,
 * adapters isolated from each other, provider shape, immutable model, no package cycles, logging and output hygiene.
 */
package dev.llmsession.architecture;
