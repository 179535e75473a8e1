package dev.llmsession.cli.engine;

import dev.llmsession.cli.client.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A client's standard input, asked for on the first read: most commands never read it, and a client must not block
 * on a terminal or an open pipe for nothing. Then the whole of it (up to {@link Wire#MAX_STDIN}) is fetched at once.
 */
final class ClientStdin extends InputStream {
    private final DataInputStream in;
    private final DataOutputStream out;
    private InputStream fetched;

    ClientStdin(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public int read() throws IOException {
        return fetched().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return fetched().read(b, off, len);
    }

    private synchronized InputStream fetched() throws IOException {
        if (fetched == null) {
            synchronized (out) {
                Wire.writeFrame(out, Wire.STDIN_WANTED, new byte[0], 0, 0);
                out.flush();
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Wire.Frame f = Wire.readFrame(in); ; f = Wire.readFrame(in)) {
                if (f == null || f.type() != Wire.STDIN) {
                    throw new IOException("the client did not send its standard input");
                }
                if (f.body().length == 0) {
                    break;
                }
                if (all.size() + f.body().length > Wire.MAX_STDIN) {
                    throw new IOException("standard input beyond " + Wire.MAX_STDIN + " bytes refused");
                }
                all.write(f.body());
            }
            fetched = new ByteArrayInputStream(all.toByteArray());
        }
        return fetched;
    }
}
