package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

final class KeyDecoderTest {
    /** Serves {@code input}, then times out. */
    private static KeyDecoder.CharSource source(String input) {
        Deque<Integer> chars = new ArrayDeque<>();
        input.chars().forEach(chars::add);
        return timeout -> chars.isEmpty() ? KeyDecoder.TIMEOUT : chars.poll();
    }

    private static List<Key> decode(String input) throws IOException {
        KeyDecoder.CharSource in = source(input);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Key k = KeyDecoder.next(in, 0);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys;
    }

    @Test
    void next_arrowsInBothModes_areUpAndDown() throws IOException {
        assertThat(decode("\u001b[A\u001b[B\u001bOA\u001bOB")).containsExactly(Key.UP, Key.DOWN, Key.UP, Key.DOWN);
    }

    @Test
    void next_pagingKeys() throws IOException {
        assertThat(decode("\u001b[5~\u001b[6~\u001b[H\u001b[4~")).containsExactly(Key.PAGE_UP, Key.PAGE_DOWN,
                Key.HOME, Key.END);
    }

    @Test
    void next_loneEscapeThenNothing_isEscape() throws IOException {
        assertThat(decode("\u001b")).containsExactly(Key.ESCAPE);
    }

    @Test
    void next_enterBackspaceCtrlCAndLetters() throws IOException {
        assertThat(decode("\rq\u007f\u0003/")).containsExactly(Key.ENTER, Key.of('q'), Key.BACKSPACE, Key.INTERRUPT,
                Key.of('/'));
    }

    @Test
    void next_unknownSequence_isSwallowedWhole() throws IOException {
        assertThat(decode("\u001b[15;2~x\u001b[Z")).containsExactly(Key.of('x'));
    }

    @Test
    void next_endOfInput_throwsEof() {
        assertThatThrownBy(() -> KeyDecoder.next(t -> KeyDecoder.EOF, 0)).isInstanceOf(EOFException.class);
    }
}
