package org.lucarne.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.ProtocolCodec;

class BareJettyEchoServerTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void pongHasTheExactBytesOfLucarnesPong() {
        for (long seq : new long[] {0, 7, 123_456, 9_007_199_254_740_991L}) {
            String ping = codec.encode(new Message.Ping(seq));
            assertEquals(codec.encode(new Message.Pong(seq)), BareJettyEchoServer.pongFor(ping));
        }
    }

    @Test
    void anythingElseGetsAPongWithSeqZero() {
        assertEquals(codec.encode(new Message.Pong(0)),
                BareJettyEchoServer.pongFor("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"bench\"}"));
    }

    @Test
    void theClientReadsTheSeqOfBothServersPongs() {
        assertEquals(42, LoadClient.seqOf(codec.encode(new Message.Pong(42))));
        assertEquals(42, LoadClient.seqOf(BareJettyEchoServer.pongFor("{\"v\":1,\"type\":\"ping\",\"seq\":42}")));
        assertEquals(-1, LoadClient.seqOf("{\"v\":1,\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"x\"}"));
    }
}
