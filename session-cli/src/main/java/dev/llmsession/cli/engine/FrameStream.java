package dev.llmsession.cli.engine;

import dev.llmsession.cli.client.Wire;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A command's stdout or stderr as frames on the connection; each write is one frame. */
final class FrameStream extends OutputStream {
    private final DataOutputStream out;
    private final byte type;

    FrameStream(DataOutputStream out, byte type) {
        this.out = out;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        synchronized (out) {
            for (int done = 0; done < len; done += Wire.MAX_FRAME) {
                Wire.writeFrame(out, type, b, off + done, Math.min(Wire.MAX_FRAME, len - done));
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }
}
