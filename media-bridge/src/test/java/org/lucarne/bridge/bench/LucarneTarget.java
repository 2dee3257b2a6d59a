package org.lucarne.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lucarne.bridge.dtls.CertificateFingerprint;

/**
 * Calls through Lucarne's bridge, driven as the signaling server's focus drives it: one Colibri2
 * conference per call with two endpoints (Opus and VP8), one created by the POST and one by a
 * PATCH; then a PATCH per peer with its transport (ufrag, pwd, fingerprint with {@code setup: active}, its host candidate) and
 * sources ({@link ColibriSources}). Each peer's audio and video go through the bridge to the other peer.
 * With simulcast each peer then tells the bridge it shows the other full screen, as a kiosk's page
 * does through the focus, so each receiver gets the sender's top layer.
 */
final class LucarneTarget implements CallTarget {
    static final String NAME = "Lucarne";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFERENCES = "/colibri/v2/conferences";
    private static final String ICE_UDP = "urn:xmpp:jingle:transports:ice-udp:1";

    private final LucarneBridgeProcess bridge;

    private LucarneTarget(LucarneBridgeProcess bridge) {
        this.bridge = bridge;
    }

    static LucarneTarget start(String jvmOptions, Path dir, int httpPort) throws IOException {
        return new LucarneTarget(LucarneBridgeProcess.start(jvmOptions, dir, httpPort));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long pid() {
        return bridge.pid();
    }

    @Override
    public String version() {
        return "media-bridge (this checkout), " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version");
    }

    @Override
    public String counters() {
        try {
            return "bridge dropped " + bridge.get("/colibri/stats").path("dropped");
        } catch (IOException e) {
            return "bridge stats unavailable: " + e.getMessage();
        }
    }

    @Override
    public Call open(int index, Peers peers) throws Exception {
        String meeting = "bench-" + index + "-" + Long.toHexString(peers.random.nextLong());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // The bridge answers actpass, so the peers take active (RFC 5763 §5); they also control ICE.
        PeerLeg a = peers.openLeg("lucarne-" + index + "-a", loopback, true, "active");
        PeerLeg b = peers.openLeg("lucarne-" + index + "-b", loopback, true, "active");
        boolean[] created = {false};
        Call call = new Call() {
            @Override
            public List<PeerLeg> legs() {
                return List.of(a, b);
            }

            @Override
            public void close() {
                peers.closeLeg(a);
                peers.closeLeg(b);
                if (!created[0]) {
                    return;
                }
                try {
                    bridge.colibri("PATCH", CONFERENCES + "/" + meeting, JSON.createObjectNode().put("expire", true));
                } catch (IOException e) {
                    System.err.println("could not expire conference " + meeting + ": " + e.getMessage());
                }
            }
        };
        try {
            // The bridge takes one endpoint's media, sources or transport per request, as the focus sends them.
            ObjectNode create = JSON.createObjectNode().put("meeting-id", meeting).put("create", true);
            create.putArray("endpoints").add(newEndpoint("a"));
            JsonNode createdA = bridge.colibri("POST", CONFERENCES, create);
            created[0] = true;
            JsonNode createdB = bridge.colibri("PATCH", CONFERENCES + "/" + meeting, endpoints(newEndpoint("b")));
            bridge.colibri("PATCH", CONFERENCES + "/" + meeting, endpoints(remoteEndpoint("a", a.localDescription())));
            bridge.colibri("PATCH", CONFERENCES + "/" + meeting, endpoints(remoteEndpoint("b", b.localDescription())));
            if (a.localDescription().simulcast()) {
                requireVideoHeights(createdA, "a");
                requireVideoHeights(createdB, "b");
                bridge.colibri("PATCH", CONFERENCES + "/" + meeting, endpoints(ColibriSources.videoHeights("a",
                        Map.of("b", ColibriSources.FULL_SCREEN_HEIGHT))));
                bridge.colibri("PATCH", CONFERENCES + "/" + meeting, endpoints(ColibriSources.videoHeights("b",
                        Map.of("a", ColibriSources.FULL_SCREEN_HEIGHT))));
            }
            a.connect(bridgeSide(createdA, "a"), peers.handshakes);
            b.connect(bridgeSide(createdB, "b"), peers.handshakes);
            a.ready().get(30, TimeUnit.SECONDS);
            b.ready().get(30, TimeUnit.SECONDS);
            return call;
        } catch (Exception e) {
            call.close();
            throw e;
        }
    }

    private static ObjectNode endpoints(ObjectNode endpoint) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("endpoints").add(endpoint);
        return body;
    }

    private static ObjectNode newEndpoint(String id) {
        ObjectNode e = JSON.createObjectNode().put("id", id).put("create", true);
        ArrayNode medias = e.putArray("medias");
        ObjectNode audio = medias.addObject().put("type", "audio");
        audio.putArray("payload-types").addObject().put("id", String.valueOf(SyntheticStream.OPUS_PT))
                .put("name", "opus").put("clockrate", "48000").put("channels", "2");
        ObjectNode video = medias.addObject().put("type", "video");
        ObjectNode vp8 = video.putArray("payload-types").addObject().put("id", String.valueOf(SyntheticStream.VP8_PT))
                .put("name", "VP8").put("clockrate", "90000");
        vp8.putArray("rtcp-fbs").addObject().put("type", "nack").put("subtype", "pli");
        e.putObject("transport");
        return e;
    }

    private static ObjectNode remoteEndpoint(String id, LocalDescription d) {
        ObjectNode e = JSON.createObjectNode().put("id", id);
        ObjectNode t = e.putObject("transport").putObject("transport");
        t.put("xmlns", ICE_UDP).put("ufrag", d.ufrag()).put("pwd", d.pwd()).put("rtcp-mux", true);
        String[] fp = d.sdpFingerprint().split(" ", 2);
        t.putArray("fingerprints").addObject().put("hash", fp[0]).put("fingerprint", fp[1]).put("setup", d.setup());
        t.putArray("candidates").addObject().put("foundation", "1").put("component", "1").put("protocol", "udp")
                .put("priority", String.valueOf(IceChecks.HOST_PRIORITY))
                .put("ip", d.candidate().getAddress().getHostAddress())
                .put("port", String.valueOf(d.candidate().getPort())).put("type", "host").put("generation", "0")
                .put("id", id + "-c1").put("network", "0");
        e.set("sources", ColibriSources.of(id, d));
        return e;
    }

    /** The focus tells tile heights only to a bridge that announced them when it created the endpoint. */
    private static void requireVideoHeights(JsonNode created, String id) {
        for (JsonNode e : created.path("endpoints")) {
            if (id.equals(e.path("id").asText())) {
                for (JsonNode c : e.path("capabilities")) {
                    if (ColibriSources.VIDEO_HEIGHTS.equals(c.asText())) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("the bridge did not list " + ColibriSources.VIDEO_HEIGHTS
                + " for endpoint " + id + ", so it cannot be told which layer each peer wants: " + created);
    }

    /** The bridge's transport for endpoint {@code id} from the creation's answer. */
    private static RemoteDescription bridgeSide(JsonNode created, String id) {
        for (JsonNode e : created.path("endpoints")) {
            if (!id.equals(e.path("id").asText())) {
                continue;
            }
            JsonNode t = e.path("transport").path("transport");
            JsonNode fp = t.path("fingerprints").path(0);
            JsonNode c = t.path("candidates").path(0);
            if (fp.isMissingNode() || c.isMissingNode()) {
                throw new IllegalStateException("the bridge's answer for endpoint " + id
                        + " lacks a fingerprint or a candidate: " + t);
            }
            return new RemoteDescription(t.path("ufrag").asText(), t.path("pwd").asText(),
                    CertificateFingerprint.parse(fp.path("hash").asText(), fp.path("fingerprint").asText()),
                    fp.path("setup").asText(), new InetSocketAddress(c.path("ip").asText(), c.path("port").asInt()));
        }
        throw new IllegalStateException("the bridge's answer has no endpoint " + id + ": " + created);
    }

    @Override
    public void close() {
        bridge.close();
    }
}
