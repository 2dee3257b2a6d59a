package org.lucarne.signaling.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.EnvelopeType;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.ws.protocol.Base64Url;

/**
 * One benchmark device: its own socket and E2EE identity, its frames queued as they come until a
 * {@link RelayLoad} is attached, then each {@code e2ee_deliver} timed from the send time its envelope carries
 * (and acknowledged at once), each {@code pong} timed from its ping's send.
 */
final class RelayDevice implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestDevice keys = TestDevice.create();
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile RelayLoad load;
    private WebSocket socket;
    RelayDevice[] circle;

    /** Opens this device's socket to {@code url} with {@code origin}. */
    void open(HttpClient http, String url, String origin) {
        socket = http.newWebSocketBuilder().header("Origin", origin).buildAsync(URI.create(url), this).join();
    }

    /** From now on, deliveries and pongs are timed into {@code l} rather than queued. */
    void countInto(RelayLoad l) {
        load = l;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            RelayLoad l = load;
            if (l != null && text.contains("\"type\":\"e2ee_deliver\"")) {
                delivered(l, text);
            } else if (l != null && text.contains("\"type\":\"pong\"")) {
                l.ponged(seqOf(text), System.nanoTime());
            } else {
                frames.add(text);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        System.err.printf("a device's socket was closed: %d %s%n", code, reason);
        RelayLoad l = load;
        if (l != null) {
            l.failed();
        }
        return null;
    }

    private void delivered(RelayLoad l, String text) {
        try {
            JsonNode n = JSON.readTree(text);
            byte[] envelope = Base64Url.decode(n.get("envelope").asText());
            long sentAt = ByteBuffer.wrap(envelope, envelope.length - 8, 8).getLong();
            l.delivered(System.nanoTime() - sentAt);
            send("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[" + n.get("seq").asLong() + "]}");
        } catch (Exception e) {
            l.failed();
        }
    }

    private static long seqOf(String text) {
        try {
            return JSON.readTree(text).get("seq").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    synchronized void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends, or counts a failure into {@code l} when the socket is closed. */
    void send(String text, RelayLoad l) {
        try {
            send(text);
        } catch (java.util.concurrent.CompletionException e) {
            l.failed();
        }
    }

    void abort() {
        socket.abort();
    }

    /** The next frame of {@code type} (others skipped), within 10 s. */
    JsonNode next(String type) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            String f = frames.poll(1, TimeUnit.SECONDS);
            if (f == null) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(f);
                if (type.equals(n.get("type").asText())) {
                    return n;
                }
            } catch (Exception e) {
                throw new IllegalStateException("an unreadable frame: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("no " + type + " within 10 s");
    }

    /** An {@code e2ee_send} of a normal message of the smallest bucket to {@code to}, its last 8 bytes the send time. */
    String envelopeTo(RelayDevice to) {
        byte[] clear = new EnvelopeHeader(1, 1, EnvelopeType.NORMAL, keys.deviceId(), to.keys.deviceId(), null,
                new byte[32], 0, 0, 272).encode();
        byte[] envelope = ByteBuffer.allocate(clear.length + 272).put(clear).position(clear.length + 264)
                .putLong(System.nanoTime()).array();
        return "{\"v\":1,\"type\":\"e2ee_send\",\"envelope\":\"" + Base64Url.encode(envelope) + "\"}";
    }

    static String ping(long seq) {
        return "{\"v\":1,\"type\":\"ping\",\"seq\":" + seq + "}";
    }

    static String hello() {
        return "{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"bench\"}";
    }
}
