package org.lucarne.signaling.relay;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the server logs while a test runs: slf4j-simple writes to {@code System.err} as it is at each line, so a tee
 * there keeps a copy (the console still gets it). {@link #close()} puts the stream back.
 */
final class ServerLog implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private ServerLog(PrintStream original) {
        this.original = original;
    }

    static ServerLog capture() {
        ServerLog log = new ServerLog(System.err);
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                log.original.write(b);
                synchronized (log.copy) {
                    log.copy.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                log.original.write(b, off, len);
                synchronized (log.copy) {
                    log.copy.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
        return log;
    }

    /** Everything logged since {@link #capture()}. */
    String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
