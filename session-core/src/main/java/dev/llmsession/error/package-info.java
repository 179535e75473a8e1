/**
 * The one exception hierarchy: {@link dev.llmsession.error.LlmSessionException} and its subclasses,
 * each with an {@link dev.llmsession.error.ErrorCode} that the CLI turns into an exit code.
 */
package dev.llmsession.error;
