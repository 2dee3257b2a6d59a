package org.lucarne.bridge.bench;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;

/**
 * What the synthetic peers read from the network: only {@link IllegalArgumentException} may leave
 * the STUN parser, what it accepts can be asked for its username and checked without failing, and
 * an ICE agent fed the same bytes answers or ignores them, never throws.
 */
class StunMessageFuzzTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 40000);

    @FuzzTest(maxDuration = "60s")
    void anyDatagramParsesOrIsRefusedByName(byte[] data) {
        try {
            StunMessage m = StunMessage.parse(data, data.length);
            m.username();
            m.verifies("some-password-of-22-chars");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("a refusal without a reason", e);
            }
        }
        IceChecks ice = new IceChecks("loca", "local-password-22-chars", false, new java.security.SecureRandom());
        ice.onStun(data, data.length, FROM);
    }
}
