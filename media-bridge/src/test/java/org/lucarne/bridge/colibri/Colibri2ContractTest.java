package org.lucarne.bridge.colibri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JVB's documented request and response shapes (docs/colibri2.md) decode into the records, and the
 * records encode back to the same JSON tree: same fields, same values, same JSON types.
 */
class Colibri2ContractTest {
    private static final String MEETING = "4d0c1f7a-2b6e-4a59-9c3d-7e81a05f2c14";
    private final Colibri2Codec codec = new Colibri2Codec();
    private final ObjectMapper json = new ObjectMapper();

    static List<Colibri2Fixtures.Fixture> requests() {
        return Colibri2Fixtures.requests();
    }

    static List<Colibri2Fixtures.Fixture> responses() {
        return Colibri2Fixtures.responses();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requestReencodesToTheSameJsonTree(Colibri2Fixtures.Fixture f) throws Exception {
        ConferenceModify decoded = codec.decodeRequest(f.text());
        String encoded = codec.encodeRequest(decoded);
        assertEquals(json.readTree(f.text()), json.readTree(encoded), "re-encoding of " + decoded);
        assertEquals(decoded, codec.decodeRequest(encoded));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void responseReencodesToTheSameJsonTree(Colibri2Fixtures.Fixture f) throws Exception {
        ConferenceModified decoded = codec.decodeResponse(f.text());
        String encoded = codec.encodeResponse(decoded);
        assertEquals(json.readTree(f.text()), json.readTree(encoded), "re-encoding of " + decoded);
        assertEquals(decoded, codec.decodeResponse(encoded));
    }

    @Test
    void createConferenceDecodesEndpointsMediasAndTransport() throws Exception {
        ConferenceModify m = codec.decodeRequest(Colibri2Fixtures.text("requests/create-conference.json"));
        assertEquals(MEETING, m.meetingId());
        assertEquals("visit-ward3-bed12@lucarne.local", m.name());
        assertTrue(m.create());
        Endpoint e = m.endpoints().get(0);
        assertEquals("a41f09c2", e.id());
        assertTrue(e.create());
        assertEquals(new Transport(true, false, null), e.transport());
        assertNull(e.sources(), "no sources field means the sources do not change");
        assertEquals(List.of("source-names"), e.capabilities());
        Media audio = e.medias().get(0);
        assertEquals(MediaType.AUDIO, audio.type());
        assertTrue(audio.extmapAllowMixed());
        assertEquals(new PayloadType(111, "opus", 48000, 2, Map.of("minptime", "10", "useinbandfec", "1"),
                List.of(new RtcpFb("transport-cc", null))), audio.payloadTypes().get(0));
        assertEquals(Map.of("null", "111/111"), audio.payloadTypes().get(1).parameters(),
                "JVB's key for a nameless fmtp parameter is kept");
        assertEquals(new RtpHdrExt(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"), audio.rtpHdrExts().get(0));
        PayloadType vp8 = e.medias().get(1).payloadTypes().get(0);
        assertEquals(new RtcpFb("nack", "pli"), vp8.rtcpFbs().get(2));
        assertNull(vp8.channels());
    }

    @Test
    void patchDecodesRemoteTransportAndSources() throws Exception {
        ConferenceModify m = codec.decodeRequest(Colibri2Fixtures.text("requests/patch-remote-transport-and-sources.json"));
        Endpoint e = m.endpoints().get(0);
        IceUdpTransport ice = e.transport().iceUdp();
        assertEquals("Qk7v", ice.ufrag());
        assertEquals("x3HdT0pZr9LmA2sYwE5uNbqC", ice.pwd());
        assertTrue(ice.rtcpMux());
        assertEquals(Fingerprint.Setup.ACTIVE, ice.fingerprints().get(0).setup());
        assertEquals("sha-256", ice.fingerprints().get(0).hash());
        MediaSource video = e.sources().mediaSources().get(1);
        assertEquals(new MediaSource(MediaType.VIDEO, "a41f09c2-v0",
                List.of(new Source(314159265L, "a41f09c2-v0", "camera", null, Map.of()),
                        new Source(4001234567L, "a41f09c2-v0", null, null, Map.of())),
                List.of(new SsrcGroup("FID", List.of(314159265L, 4001234567L)))), video);
    }

    @Test
    void bareSsrcsAndEmptySourcesKeepTheirMeaning() throws Exception {
        ConferenceModify added = codec.decodeRequest(Colibri2Fixtures.text("requests/add-endpoint-bare-ssrcs.json"));
        assertEquals(List.of(Source.of(1001), Source.of(1002)),
                added.endpoints().get(0).sources().mediaSources().get(0).sources());
        assertTrue(added.endpoints().get(0).transport().useUniquePort());
        ConferenceModify cleared = codec.decodeRequest(Colibri2Fixtures.text("requests/clear-endpoint-sources.json"));
        assertEquals(new Sources(List.of()), cleared.endpoints().get(0).sources(), "an empty list removes every source");
    }

    @Test
    void expireRequestsDecode() throws Exception {
        assertEquals(new ConferenceModify(MEETING, null, false, false, List.of(Endpoint.expire("a41f09c2"))),
                codec.decodeRequest(Colibri2Fixtures.text("requests/expire-endpoint.json")));
        assertEquals(new ConferenceModify(MEETING, null, false, true, List.of()),
                codec.decodeRequest(Colibri2Fixtures.text("requests/expire-conference.json")));
        assertEquals(ConferenceModify.expireConference(),
                codec.decodeRequest(Colibri2Fixtures.text("requests/expire-conference-patch-body.json")));
    }

    @Test
    void responseDecodesCandidatesFingerprintsAndFeedbackSources() throws Exception {
        ConferenceModified m = codec.decodeResponse(Colibri2Fixtures.text("responses/conference-created.json"));
        IceUdpTransport ice = m.endpoints().get(0).transport().iceUdp();
        assertEquals(new Candidate(1, "2", 0, "8b1e4d7c2a6f0e3b2", "198.51.100.23", 0, 10000, 1694498815L,
                Candidate.Protocol.UDP, Candidate.Type.SRFLX, "10.20.0.7", 10000), ice.candidates().get(1));
        assertEquals(Fingerprint.Setup.ACTPASS, ice.fingerprints().get(0).setup());
        assertEquals(new Source(3051968220L, "jvb-v0", null, null, Map.of("msid", "mixedmslabel mixedlabelvideo0")),
                m.sources().mediaSources().get(1).sources().get(0));
    }

    @Test
    void numbersJvbWritesAsStringsAreReadInEitherForm() throws Exception {
        String asNumbers = Colibri2Fixtures.text("responses/conference-created.json")
                .replace("\"port\": \"10000\"", "\"port\": 10000").replace("\"priority\": \"2130706431\"", "\"priority\": 2130706431");
        String asStrings = Colibri2Fixtures.text("requests/add-endpoint-bare-ssrcs.json").replace("[ 1001, 1002 ]", "[ \"1001\", \"1002\" ]");
        assertEquals(codec.decodeResponse(Colibri2Fixtures.text("responses/conference-created.json")), codec.decodeResponse(asNumbers));
        assertEquals(codec.decodeRequest(Colibri2Fixtures.text("requests/add-endpoint-bare-ssrcs.json")), codec.decodeRequest(asStrings));
    }

    @Test
    void fieldsOnlyJvbImplementsAreIgnored() throws Exception {
        assertEquals(codec.decodeRequest(Colibri2Fixtures.text("ignored/jvb-only-fields-dropped.json")),
                codec.decodeRequest(Colibri2Fixtures.text("ignored/jvb-only-fields.json")));
    }

    @Test
    void theTypesOfTheWireAreJvbs() throws Exception {
        JsonNode request = json.readTree(codec.encodeRequest(codec.decodeRequest(Colibri2Fixtures.text("requests/create-conference.json"))));
        JsonNode opus = request.at("/endpoints/0/medias/0/payload-types/0");
        assertTrue(opus.get("id").isTextual() && opus.get("clockrate").isTextual() && opus.get("channels").isTextual(), opus.toString());
        assertTrue(request.at("/endpoints/0/medias/0/rtp-hdrexts/0/id").isInt());
        JsonNode response = json.readTree(codec.encodeResponse(codec.decodeResponse(Colibri2Fixtures.text("responses/conference-created.json"))));
        assertTrue(response.at("/endpoints/0/transport/transport/candidates/0/port").isTextual());
        assertTrue(response.at("/sources/1/sources/0/ssrc").isIntegralNumber());
    }
}
