package org.lucarne.bridge.colibri;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** ICE-TCP candidates as Jitsi Videobridge writes them (its {@code tcptype} attribute) and as our bridge does. */
class Colibri2TcpCandidateTest {
    private static final String RESPONSE = """
            {"endpoints":[{"id":"a41f09c2","transport":{"transport":{
              "xmlns":"urn:xmpp:jingle:transports:ice-udp:1","ufrag":"7mq2c0fhb3k9sd","pwd":"2vn8d61kq0t4hpl3m9rbc5g7ja",
              "rtcp-mux":true,
              "fingerprints":[{"fingerprint":"C7:1E:04:9B","hash":"sha-256","setup":"actpass"}],
              "candidates":[
                {"component":"1","foundation":"1","generation":"0","id":"3f6a0c1e5b2d7f9a1","ip":"10.20.0.7",
                 "network":"0","port":"10000","priority":"2130706431","protocol":"udp","type":"host"},
                {"component":"1","foundation":"3","generation":"0","id":"9c0e1a2b3d4f5a6b7","ip":"10.20.0.7",
                 "network":"0","port":"4443","priority":"1518280447","protocol":"tcp","type":"host","tcptype":"passive"}
              ]}}}]}
            """;

    private final Colibri2Codec codec = new Colibri2Codec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPassiveTcpCandidateDecodesWithItsTcptype() throws Exception {
        IceUdpTransport ice = codec.decodeResponse(RESPONSE).endpoints().get(0).transport().iceUdp();

        assertEquals(new Candidate(1, "3", 0, "9c0e1a2b3d4f5a6b7", "10.20.0.7", 0, 4443, 1518280447L,
                Candidate.Protocol.TCP, Candidate.Type.HOST, null, null, Candidate.TcpType.PASSIVE), ice.candidates().get(1));
        assertEquals(null, ice.candidates().get(0).tcpType());
    }

    @Test
    void itReencodesToTheSameJson() throws Exception {
        assertEquals(json.readTree(RESPONSE), json.readTree(codec.encodeResponse(codec.decodeResponse(RESPONSE))));
    }
}
