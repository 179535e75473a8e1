/**
 * Managing sessions like containers: the conversation as readable lines ({@code logs}), taking the user to a
 * session's terminal ({@code attach}), ending it ({@code stop}) and continuing it ({@code resume}). The host side of
 * it lives here: {@code /proc}, tmux and the assistants' own commands; the commands only parse and print.
 */
package dev.llmsession.cli.manage;
