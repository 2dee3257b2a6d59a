package org.lucarne.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.testing.TestServer;

/**
 * The relay benchmark's parts count what they claim, on a real server and in real Chromium: every envelope sent is
 * delivered and every ping answered, each once; the browser page encrypts and decrypts real messages and photos (it
 * throws when one does not come back). No figure is asserted: the benchmark's figures are in docs/benchmarks/relay.md.
 */
class RelayBenchIT {
    @Test
    void everyEnvelopeIsDeliveredAndEveryPingAnsweredOnceAcrossTheCircles(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(Map.of("LUCARNE_WS_ADDRESS_MESSAGES_PER_SECOND", "1000",
                "LUCARNE_WS_ADDRESS_MESSAGES_BURST", "1000"))) {
            List<RelayDevice> all = RelayCircles.connect(server, dir, 6, 3);
            assertEquals(6, all.size());
            RelayLoad.Result r = RelayLoad.run(all, 20, 1, 7);
            all.forEach(RelayDevice::abort);
            assertEquals(20, r.envelopesSent());
            assertEquals(r.envelopesSent(), r.delivered(), "every envelope reached another device of its circle");
            assertEquals(r.pingsSent(), r.pongs(), "every ping got its pong");
            assertEquals(0, r.errors(), "no unreadable delivery, unknown or repeated pong");
            assertEquals(r.delivered(), r.envelope().count());
            assertEquals(r.pongs(), r.ping().count());
        }
    }

    @Test
    void theClientAloneIsMeasuredAgainstAnEchoServerInItsOwnJvm(@TempDir Path dir) throws Exception {
        RelayClientHeap.Result r = RelayClientHeap.measure(20, Files.createDirectories(dir.resolve("work")));
        // With 20 devices a GC between the two readings can outweigh what they hold, so the figures' sign is the
        // benchmark's to read (at 1,000); here, every device was connected to the echo server's own JVM and answered.
        assertEquals(20, r.connected());
    }

    @Test
    void theBrowserPageEncryptsAndDecryptsTextAndPhotosBesideRawAesGcm() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            RelayBrowserBench.Result r = RelayBrowserBench.run(server, 4, 1);
            assertTrue(r.isolated(), "the page is cross-origin isolated, so its timer is fine-grained");
            assertEquals(4, r.text().lucarne().count());
            assertEquals(4, r.text().raw().count());
            assertEquals(1, r.photo().lucarne().count());
            assertTrue(r.pictureBytes() > 500_000, "a picture of about 1 MB: " + r.pictureBytes());
            assertEquals("1600×1200", r.size());
            assertEquals((r.jpegBytes() + 1 + 32767) / 32768, r.chunks(), "the JPEG padded into 32 KiB chunks");
        }
    }
}
