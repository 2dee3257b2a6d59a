package org.lucarne.bridge.colibri;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every class of bad input is refused with a {@link Colibri2Exception} whose message names the JSON path. */
class Colibri2CodecErrorTest {
    private final Colibri2Codec codec = new Colibri2Codec();

    record Bad(String what, String json, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static final String ICE = "{\"xmlns\":\"urn:xmpp:jingle:transports:ice-udp:1\"";
    private static final String FP = "\"fingerprint\":\"AB:CD:EF:01\",\"hash\":\"sha-256\"";
    private static final String CANDIDATE = "\"component\":\"1\",\"foundation\":\"1\",\"ip\":\"192.0.2.1\","
            + "\"priority\":\"1\",\"protocol\":\"udp\",\"type\":\"host\"";

    /** A request with one endpoint whose remaining fields are {@code fields}. */
    private static String endpoint(String fields) {
        return "{\"endpoints\":[{\"id\":\"e1\"" + (fields.isEmpty() ? "" : "," + fields) + "}]}";
    }

    private static String media(String fields) {
        return endpoint("\"medias\":[{\"type\":\"audio\"," + fields + "}]");
    }

    private static String ice(String fields) {
        return endpoint("\"transport\":{\"transport\":" + ICE + "," + fields + "}}");
    }

    private static String sources(String mediaSource) {
        return endpoint("\"sources\":[{\"type\":\"video\",\"id\":\"v0\"," + mediaSource + "}]");
    }

    static List<Bad> badRequests() {
        String holdconn = "{\"endpoints\":[{\"id\":\"e0\"},{\"id\":\"e1\",\"transport\":{\"transport\":" + ICE
                + ",\"fingerprints\":[{" + FP + ",\"setup\":\"holdconn\"}]}}}]}";
        return List.of(
                // Syntax
                new Bad("empty", "", "the document is empty"),
                new Bad("malformed JSON names where", "{\"endpoints\":[{\"id\": tru}]}", "endpoints[0].id is not valid JSON at line 1"),
                new Bad("content after the value", "{} {}", "the document has content after its JSON value"),
                new Bad("not an object", "[{\"expire\":true}]", "the document must be a JSON object"),
                new Bad("repeated key", "{\"endpoints\":[{\"id\":\"a\"},{\"id\":\"b\",\"id\":\"c\"}]}", "endpoints[1].id appears twice in its object"),
                new Bad("repeated key in cut-off text", "{\"expire\":true,\"expire\":true", "the document is not valid JSON"),
                new Bad("too deep", "{\"x\":" + "[".repeat(40) + "]".repeat(40) + "}", "…is not valid JSON"),
                new Bad("huge number literal", "{\"x\":" + "9".repeat(40) + "}", "…is not valid JSON"),
                // Types
                new Bad("string for a boolean", "{\"create\":\"true\"}", "create must be true or false"),
                new Bad("null for a string", "{\"name\":null}", "name must be a string of 1 to 1024 characters"),
                new Bad("object for an array", "{\"endpoints\":{}}", "endpoints must be an array"),
                new Bad("array for an object", endpoint("\"transport\":[]"), "endpoints[0].transport must be an object"),
                new Bad("number for a parameter value", media("\"payload-types\":[{\"id\":\"96\",\"name\":\"rtx\",\"clockrate\":\"90000\",\"parameters\":{\"apt\":96}}]"),
                        "endpoints[0].medias[0].payload-types[0].parameters.apt must be a string of 0 to 1024 characters"),
                new Bad("boolean for an SSRC", sources("\"sources\":[true]"), "endpoints[0].sources[0].sources[0] must be an SSRC or an object with one"),
                // Presence
                new Bad("missing id", "{\"endpoints\":[{\"create\":true}]}", "endpoints[0].id is required"),
                new Bad("missing xmlns", endpoint("\"transport\":{\"transport\":{\"ufrag\":\"abcd\"}}"), "endpoints[0].transport.transport.xmlns is required"),
                new Bad("missing SSRC", sources("\"sources\":[{\"name\":\"v0\"}]"), "endpoints[0].sources[0].sources[0].ssrc is required"),
                // Numbers
                new Bad("payload type above 127", media("\"payload-types\":[{\"id\":\"128\",\"name\":\"x\",\"clockrate\":\"90000\"}]"),
                        "endpoints[0].medias[0].payload-types[0].id must be a whole number from 0 to 127, not 128"),
                new Bad("fraction", media("\"rtp-hdrexts\":[{\"id\":1.5,\"uri\":\"urn:x\"}]"),
                        "endpoints[0].medias[0].rtp-hdrexts[0].id must be a whole number from 1 to 255"),
                new Bad("signed string number", ice("\"candidates\":[{" + CANDIDATE + ",\"port\":\"+10000\"}]"),
                        "endpoints[0].transport.transport.candidates[0].port must be a whole number from 0 to 65535"),
                new Bad("SSRC above 32 bits", sources("\"sources\":[4294967296]"),
                        "endpoints[0].sources[0].sources[0] must be a whole number from 0 to 4294967295, not 4294967296"),
                new Bad("SSRC beyond a long", sources("\"ssrc-groups\":[{\"semantics\":\"FID\",\"sources\":[99999999999999999999]}]"),
                        "endpoints[0].sources[0].ssrc-groups[0].sources[0] must be a whole number from 0 to 4294967295, not 99999999999999999999"),
                new Bad("negative SSRC", sources("\"sources\":[{\"ssrc\":-1}]"),
                        "endpoints[0].sources[0].sources[0].ssrc must be a whole number from 0 to 4294967295, not -1"),
                // Words and formats
                new Bad("unknown DTLS role", holdconn,
                        "endpoints[1].transport.transport.fingerprints[0].setup must be one of actpass, active, passive"),
                new Bad("unknown media type", endpoint("\"medias\":[{\"type\":\"data\"}]"), "endpoints[0].medias[0].type must be one of audio, video"),
                new Bad("unknown candidate type", ice("\"candidates\":[{" + CANDIDATE.replace("host", "local") + ",\"port\":\"1\"}]"),
                        "endpoints[0].transport.transport.candidates[0].type must be one of host, srflx, prflx, relay"),
                new Bad("tcptype on a UDP candidate", ice("\"candidates\":[{" + CANDIDATE + ",\"port\":\"1\",\"tcptype\":\"passive\"}]"),
                        "endpoints[0].transport.transport.candidates[0].tcptype is only for a candidate whose protocol is tcp"),
                new Bad("unknown tcptype", ice("\"candidates\":[{" + CANDIDATE.replace("udp", "tcp") + ",\"port\":\"1\",\"tcptype\":\"both\"}]"),
                        "endpoints[0].transport.transport.candidates[0].tcptype must be one of active, passive, so"),
                new Bad("wrong xmlns", endpoint("\"transport\":{\"transport\":{\"xmlns\":\"urn:xmpp:jingle:transports:raw-udp:1\"}}"),
                        "endpoints[0].transport.transport.xmlns must be urn:xmpp:jingle:transports:ice-udp:1"),
                new Bad("weak hash", ice("\"fingerprints\":[{\"fingerprint\":\"AB:CD\",\"hash\":\"md5\"}]"),
                        "endpoints[0].transport.transport.fingerprints[0].hash must be one of sha-1, sha-224, sha-256, sha-384, sha-512"),
                new Bad("fingerprint not hex", ice("\"fingerprints\":[{\"fingerprint\":\"AB:CD:XY\",\"hash\":\"sha-256\"}]"),
                        "endpoints[0].transport.transport.fingerprints[0].fingerprint must be hex bytes separated by colons"),
                new Bad("address with spaces", ice("\"candidates\":[{" + CANDIDATE.replace("192.0.2.1", "192.0.2.1; x") + ",\"port\":\"1\"}]"),
                        "endpoints[0].transport.transport.candidates[0].ip must be an IP address or a host name"),
                new Bad("short ufrag", ice("\"ufrag\":\"abc\""), "endpoints[0].transport.transport.ufrag must be a string of 4 to 256 characters"),
                new Bad("empty id", "{\"endpoints\":[{\"id\":\"\"}]}", "endpoints[0].id must be a string of 1 to 256 characters"),
                new Bad("control character", "{\"endpoints\":[{\"id\":\"e\\u0000\"}]}", "endpoints[0].id must not contain control characters"),
                new Bad("empty SSRC group", sources("\"ssrc-groups\":[{\"semantics\":\"FID\",\"sources\":[]}]"),
                        "endpoints[0].sources[0].ssrc-groups[0].sources must list at least one SSRC"),
                new Bad("too many elements", endpoint("\"capabilities\":[" + "\"c\",".repeat(64) + "\"c\"]"),
                        "endpoints[0].capabilities must have at most 64 elements"),
                // JVB features this bridge does not do
                new Bad("relays", "{\"relays\":[]}", "relays is not supported: this bridge does not relay to other bridges"),
                new Bad("connects", "{\"connects\":[]}", "connects is not supported"),
                new Bad("sctp", endpoint("\"transport\":{\"sctp\":{}}"), "endpoints[0].transport.sctp is not supported: this bridge has no data channels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsRefusedWithItsPath(Bad bad) {
        Colibri2Exception e = assertThrows(Colibri2Exception.class, () -> codec.decodeRequest(bad.json()));
        assertTrue(bad.message().startsWith("…") ? e.getMessage().contains(bad.message().substring(1))
                : e.getMessage().startsWith(bad.message()), "got: " + e.getMessage());
    }

    @Test
    void pathIsAvailableApartFromTheMessage() {
        Colibri2Exception e = assertThrows(Colibri2Exception.class, () -> codec.decodeRequest(badRequests().stream()
                .filter(b -> b.what().equals("unknown DTLS role")).findFirst().orElseThrow().json()));
        assertEquals("endpoints[1].transport.transport.fingerprints[0].setup", e.path());
    }

    @Test
    void oversizeInputIsRefusedBeforeParsing() {
        Colibri2Codec small = new Colibri2Codec(64);
        String big = "{\"name\":\"" + "é".repeat(40) + "\"}";
        Colibri2Exception e = assertThrows(Colibri2Exception.class, () -> small.decodeRequest(big));
        assertEquals("the document is 91 bytes, more than the 64 allowed", e.getMessage());
    }

    @Test
    void badResponseIsRefusedWithItsPath() {
        String json = "{\"endpoints\":[{\"id\":\"e1\",\"transport\":{\"transport\":" + ICE
                + ",\"candidates\":[{" + CANDIDATE + ",\"port\":\"70000\"}]}}}]}";
        Colibri2Exception e = assertThrows(Colibri2Exception.class, () -> codec.decodeResponse(json));
        assertEquals("endpoints[0].transport.transport.candidates[0].port must be a whole number from 0 to 65535, not 70000",
                e.getMessage());
    }

    @Test
    void responsesMayCarryJvbFeaturesTheClientDoesNotUse() throws Exception {
        String json = "{\"endpoints\":[{\"id\":\"e1\",\"transport\":{\"sctp\":{\"port\":5000}}}],\"relays\":[]}";
        assertEquals(new Transport(false, false, null), codec.decodeResponse(json).endpoints().get(0).transport());
    }

    @Test
    void encodingARecordNoPeerWouldAcceptFails() {
        var bad = new ConferenceModify(null, null, false, false, List.of(new Endpoint("e1", false, false,
                List.of(new Media(MediaType.AUDIO, List.of(new PayloadType(200, "x", 8000, null, null, null)), null, false)),
                null, null, null)));
        var e = assertThrows(IllegalArgumentException.class, () -> codec.encodeRequest(bad));
        assertEquals("not a valid conference-modify: endpoints[0].medias[0].payload-types[0].id must be a whole number "
                + "from 0 to 127, not 200", e.getMessage());
    }

    @Test
    void everyBadCaseHasADistinctName() {
        assertEquals(badRequests().size(), Stream.of(badRequests().toArray(Bad[]::new)).map(Bad::what).distinct().count());
    }
}
