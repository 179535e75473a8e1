package dev.llmsession.discovery.claudecode.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/** An input stream over a byte range of a channel, with a small fixed buffer; never grows with the range. */
public final class RegionInputStream extends InputStream {

    /** The file ended before the range did: it shrank or was truncated while being read. */
    static final class FileChangedException extends IOException {
        private static final long serialVersionUID = 1L;

        FileChangedException(String message) {
            super(message);
        }
    }

    private final SeekableByteChannel channel;
    private final long end;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long position;

    public RegionInputStream(SeekableByteChannel channel, long start, long end) {
        this.channel = channel;
        this.position = start;
        this.end = end;
        buffer.limit(0);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer.get() & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    private boolean fill() throws IOException {
        if (buffer.hasRemaining()) {
            return true;
        }
        if (position >= end) {
            return false;
        }
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), end - position));
        int n;
        if (channel instanceof FileChannel file) {
            n = file.read(buffer, position);
        } else {
            channel.position(position);
            n = channel.read(buffer);
        }
        buffer.flip();
        if (n <= 0) {
            throw new FileChangedException("file ended at byte " + position + " before the line end " + end);
        }
        position += n;
        return true;
    }
}
