package org.lucarne.bridge.colibri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Colibri2 client (Jicofo, or Lucarne's own focus) reads in a conference-modified answer is
 * all in what {@link Colibri2Codec#encodeResponse} writes, with the JSON type JVB gives it.
 */
class Colibri2ResponseFieldsTest {
    private enum Kind { STRING, NUMBER, TRUE }

    /** JSON pointer → the JSON type JVB writes there (see docs/colibri2.md, "The response"). */
    private static final Map<String, Kind> READ_BY_CLIENTS = Map.ofEntries(
            Map.entry("/endpoints/0/id", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/xmlns", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/ufrag", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/pwd", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/rtcp-mux", Kind.TRUE),
            Map.entry("/endpoints/0/transport/transport/fingerprints/0/fingerprint", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/fingerprints/0/hash", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/fingerprints/0/setup", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/component", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/foundation", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/generation", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/id", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/ip", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/network", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/port", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/priority", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/protocol", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/0/type", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/1/rel-addr", Kind.STRING),
            Map.entry("/endpoints/0/transport/transport/candidates/1/rel-port", Kind.STRING),
            Map.entry("/sources/0/type", Kind.STRING),
            Map.entry("/sources/0/id", Kind.STRING),
            Map.entry("/sources/0/sources/0/ssrc", Kind.NUMBER),
            Map.entry("/sources/0/sources/0/name", Kind.STRING),
            Map.entry("/sources/0/sources/0/parameters/msid", Kind.STRING));

    @Test
    void everyFieldAClientReadsIsWrittenWithJvbsType() throws Exception {
        var host = new Candidate(1, "1", 0, "c1", "192.0.2.10", 0, 10000, 2130706431L,
                Candidate.Protocol.UDP, Candidate.Type.HOST, null, null);
        var srflx = new Candidate(1, "2", 0, "c2", "203.0.113.5", 0, 10000, 1694498815L,
                Candidate.Protocol.UDP, Candidate.Type.SRFLX, "192.0.2.10", 10000);
        var ice = new IceUdpTransport("f00dcafe42", "0123456789abcdefghijkl", true,
                List.of(new Fingerprint("sha-256", "AB:CD:EF:01", Fingerprint.Setup.ACTPASS)), List.of(host, srflx));
        var feedback = new Sources(List.of(new MediaSource(MediaType.AUDIO, "bridge-a0",
                List.of(new Source(77L, "bridge-a0", null, null, Map.of("msid", "mixedmslabel mixedlabelaudio0"))),
                List.of())));
        var response = new ConferenceModified(
                List.of(new Endpoint("e1", false, false, List.of(), new Transport(false, false, ice), null, List.of())),
                feedback);

        JsonNode written = new ObjectMapper().readTree(new Colibri2Codec().encodeResponse(response));

        READ_BY_CLIENTS.forEach((pointer, kind) -> {
            JsonNode v = written.at(pointer);
            assertFalse(v.isMissingNode(), pointer + " is missing from " + written);
            switch (kind) {
                case STRING -> assertTrue(v.isTextual(), pointer + " must be a string: " + v);
                case NUMBER -> assertTrue(v.isIntegralNumber(), pointer + " must be a number: " + v);
                case TRUE -> assertTrue(v.isBoolean() && v.booleanValue(), pointer + " must be true: " + v);
            }
        });
    }
}
