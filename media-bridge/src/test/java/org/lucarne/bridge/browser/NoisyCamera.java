package org.lucarne.bridge.browser;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A fake camera for Chromium's {@code --use-file-for-fake-video-capture}: a Y4M file (YUV 4:2:0) of
 * 1280×720 frames of noise with a bar moving across, which Chromium plays in a loop. Its encoder
 * cannot predict noise, so it sends what its congestion controller allows: the rate follows the
 * estimate, as with a real camera's sensor noise and motion, and unlike Chromium's still test picture,
 * whose encoder stays application-limited below the estimate.
 */
public final class NoisyCamera {
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    private static final int FRAMES = 12;

    private NoisyCamera() {
    }

    /** Writes the file (about 17 MB) and returns its path. */
    public static Path write(Path file) throws IOException {
        Random random = new Random(20_261_205L);
        byte[] luma = new byte[WIDTH * HEIGHT];
        byte[] chroma = new byte[WIDTH * HEIGHT / 4];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F30:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int f = 0; f < FRAMES; f++) {
                random.nextBytes(luma);
                int bar = f * WIDTH / FRAMES;
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = bar; x < Math.min(WIDTH, bar + 80); x++) {
                        luma[y * WIDTH + x] = (byte) 235;
                    }
                }
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                random.nextBytes(chroma);
                out.write(chroma);
                random.nextBytes(chroma);
                out.write(chroma);
            }
        }
        return file;
    }
}
