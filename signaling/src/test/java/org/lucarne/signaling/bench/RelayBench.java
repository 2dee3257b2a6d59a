package org.lucarne.signaling.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.EnvelopeType;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.testing.Percentiles;

/**
 * The relay benchmark (docs/benchmarks.md, "Relay"): {@code --devices} family devices in circles of
 * {@code --circle} (one patient and visit each, a contact and invite a device), each bound over its own socket to a
 * real server in this JVM (SQLite by default), then envelopes of the smallest bucket sent at {@code --rate} a second
 * for {@code --seconds}, each from a random device to another of its circle. Each receiver acknowledges what it
 * gets at once. Reports envelopes delivered a second, p50/p99 from send to delivery, and the heap the connected and
 * proven devices take (client and server together, after a full GC).
 *
 * <pre>./lucarne bench relay [--devices 1000] [--circle 10] [--rate 100] [--seconds 30]</pre>
 */
public final class RelayBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One device: its socket, its frames as they come, and the latencies of what it received. */
    static final class Device implements WebSocket.Listener {
        final TestDevice keys = TestDevice.create();
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        volatile boolean counting;
        WebSocket socket;
        Device[] circle;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (counting && text.contains("\"type\":\"e2ee_deliver\"")) {
                    delivered(text);
                } else {
                    frames.add(text);
                }
            }
            ws.request(1);
            return null;
        }

        private void delivered(String text) {
            try {
                JsonNode n = JSON.readTree(text);
                byte[] envelope = Base64Url.decode(n.get("envelope").asText());
                long sentAt = ByteBuffer.wrap(envelope, envelope.length - 8, 8).getLong();
                LATENCIES.add(System.nanoTime() - sentAt);
                DELIVERED.incrementAndGet();
                send("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[" + n.get("seq").asLong() + "]}");
            } catch (Exception e) {
                ERRORS.incrementAndGet();
            }
        }

        synchronized void send(String text) {
            socket.sendText(text, true).join();
        }

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
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalStateException("no " + type + " within 10 s");
        }
    }

    static final List<Long> LATENCIES = java.util.Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong DELIVERED = new AtomicLong();
    static final AtomicLong ERRORS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Map<String, Integer> o = options(args);
        int devices = o.get("devices");
        int circleSize = o.get("circle");
        if (circleSize < 2 || devices % circleSize != 0) {
            throw new IllegalArgumentException("--circle must be 2 or more and divide --devices");
        }
        int rate = o.get("rate");
        int seconds = o.get("seconds");
        Path dir = Files.createTempDirectory("lucarne-relay-bench");
        try (TestServer server = TestServer.start(Map.of("LUCARNE_WS_UPGRADES_PER_MINUTE", "1000000",
                "LUCARNE_WS_ADDRESS_MESSAGES_PER_SECOND", "1000000", "LUCARNE_WS_ADDRESS_MESSAGES_BURST", "1000000"))) {
            long heapBefore = heapAfterGc();
            List<Device> all = connect(server, dir, devices, circleSize);
            long heapAfter = heapAfterGc();
            System.out.printf("%d devices bound and proven in circles of %d; heap %.1f KiB a device (client and server)%n",
                    all.size(), circleSize, (heapAfter - heapBefore) / 1024.0 / all.size());
            all.forEach(d -> d.counting = true);
            Random random = new Random(20261205);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            long sent = 0;
            for (long due = start; due < start + TimeUnit.SECONDS.toNanos(seconds); due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // paced, without holding a core
                }
                Device from = all.get(random.nextInt(all.size()));
                int pick = random.nextInt(from.circle.length - 1); // another device of its circle
                Device to = from.circle[pick >= indexOf(from) ? pick + 1 : pick];
                from.send(send(from.keys, to.keys.deviceId()));
                sent++;
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (DELIVERED.get() < sent && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            List<Long> l;
            synchronized (LATENCIES) {
                l = new ArrayList<>(LATENCIES);
            }
            Percentiles p = Percentiles.of(l.stream().mapToLong(Long::longValue).toArray());
            System.out.printf("sent %d at %d/s for %d s; delivered %d (%.1f/s), errors %d%n", sent, rate, seconds,
                    DELIVERED.get(), DELIVERED.get() / elapsed, ERRORS.get());
            System.out.printf("send to delivery: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", p.at(50) / 1e6, p.at(99) / 1e6,
                    p.max() / 1e6);
            all.forEach(d -> d.socket.abort());
        }
    }

    private static int indexOf(Device d) {
        return java.util.Arrays.asList(d.circle).indexOf(d);
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> o = new java.util.HashMap<>(Map.of("devices", 1000, "circle", 10, "rate", 100, "seconds", 30));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (!o.containsKey(key)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + o.keySet());
            }
            o.put(key, Integer.parseInt(args[i + 1]));
        }
        return o;
    }

    /** The devices, bound through their own invites, in circles of {@code size}. */
    private static List<Device> connect(TestServer server, Path dir, int count, int size) throws Exception {
        CallSockets sockets = new CallSockets(server, dir);
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().sslContext(server.trustingSslContext()).build();
        List<Device> all = new ArrayList<>();
        for (int c = 0; c * size < count; c++) {
            CallSockets.TestVisit visit = sockets.book(clock, Duration.ofHours(4), "Patient " + c, "Contact " + c + "-0");
            Device[] circle = new Device[Math.min(size, count - c * size)];
            for (int i = 0; i < circle.length; i++) {
                String invite = i == 0 ? visit.invite() : invite(server, clock, visit, "c" + c + "-" + i);
                Device d = new Device();
                d.circle = circle;
                d.socket = http.newWebSocketBuilder().header("Origin", server.origin())
                        .buildAsync(URI.create(server.wsUrl()), d).join();
                d.send("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"bench\"}");
                d.next("welcome");
                d.send(CallSockets.challengeMe());
                String nonce = d.next("e2ee_challenge").get("nonce").asText();
                d.send(d.keys.bindFrame(server.origin(), invite, nonce));
                d.next("e2ee_bound");
                circle[i] = d;
                all.add(d);
            }
        }
        return all;
    }

    /** Another contact of the visit's patient, invited to it: the new invite's id. */
    private static String invite(TestServer server, Clock clock, CallSockets.TestVisit visit, String contactId) {
        var db = server.server().database();
        db.inTransaction(c -> {
            SealedRows.contact(c, server.server().personalData(), contactId, visit.patientId(), "Family " + contactId,
                    clock.millis());
            return null;
        });
        Invite invite = new Invites(db, clock).create(contactId, clock.instant(), visit.endsAt());
        new Visits(db, clock).attachInvite(visit.visitId(), invite.id());
        return invite.id().value();
    }

    /** An {@code e2ee_send} of a normal message of the smallest bucket, its last 8 bytes the send time. */
    private static String send(TestDevice from, byte[] to) {
        byte[] clear = new EnvelopeHeader(1, 1, EnvelopeType.NORMAL, from.deviceId(), to, null, new byte[32], 0, 0, 272)
                .encode();
        byte[] envelope = ByteBuffer.allocate(clear.length + 272).put(clear).position(clear.length + 264)
                .putLong(System.nanoTime()).array();
        return "{\"v\":1,\"type\":\"e2ee_send\",\"envelope\":\"" + Base64Url.encode(envelope) + "\"}";
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
