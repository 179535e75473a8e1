package dev.llmsession.discovery.claudecode.transcript;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** An in-memory channel whose content is cut to {@code cutTo} bytes after {@code readsBeforeCut} reads. */
final class ShrinkingChannel implements SeekableByteChannel {

    private final byte[] data;
    private final int cutTo;
    private int readsBeforeCut;
    private int length;
    private long position;

    ShrinkingChannel(byte[] data, int readsBeforeCut, int cutTo) {
        this.data = data;
        this.length = data.length;
        this.readsBeforeCut = readsBeforeCut;
        this.cutTo = cutTo;
    }

    @Override
    public int read(ByteBuffer dst) {
        if (readsBeforeCut-- == 0) {
            length = cutTo;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), length - position);
        dst.put(data, (int) position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
