package org.lucarne.bridge.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls through Janus's EchoTest plugin. A two-party call is two peers, each with its own Janus
 * session and EchoTest handle: each peer's audio and video go into Janus and come back out to that
 * peer. Per packet Janus does what an SFU does between two parties (receive, SRTP decrypt, hand to
 * the plugin, SRTP encrypt, send), without choosing a different receiver; the peer that gets the
 * packet is the one that sent it, so its one-way time uses one clock just the same.
 *
 * <p>With simulcast the offer carries the layers as an {@code a=ssrc-group:SIM}; Janus's core hands
 * their SSRCs to the plugin, which echoes one layer (substream) at a time, switched at keyframes and
 * rewritten onto its own SSRC. The message asks for the top one ({@code "substream": 2}), as a
 * receiver that shows the sender full screen would.
 */
final class JanusTarget implements CallTarget {
    static final String NAME = "Janus EchoTest";
    private final JanusProcess janus;

    JanusTarget(JanusProcess janus) {
        this.janus = janus;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long pid() {
        return janus.pid();
    }

    @Override
    public String version() {
        return janus.version();
    }

    @Override
    public Call open(int index, Peers peers) throws Exception {
        List<PeerLeg> legs = new ArrayList<>();
        List<Long> sessions = new ArrayList<>();
        Call call = new Call() {
            @Override
            public List<PeerLeg> legs() {
                return List.copyOf(legs);
            }

            @Override
            public void close() {
                for (PeerLeg leg : legs) {
                    peers.closeLeg(leg);
                }
                for (long session : sessions) {
                    try {
                        janus.client.destroy(session);
                    } catch (IOException e) {
                        System.err.println("could not destroy Janus session " + session + ": " + e.getMessage());
                    }
                }
            }
        };
        try {
            for (String side : List.of("a", "b")) {
                // The offerer controls ICE (RFC 8445 §6.1.1) and offers actpass; Janus answers active.
                PeerLeg leg = peers.openLeg("janus-" + index + "-" + side, janus.iceAddress(), true, "actpass");
                legs.add(leg);
                long session = janus.client.createSession();
                sessions.add(session);
                long handle = janus.client.attach(session, JanusProcess.PLUGIN);
                var body = JanusClient.object().put("audio", true).put("video", true);
                if (leg.localDescription().simulcast()) {
                    body.put("substream", leg.video.size() - 1);
                }
                String answer = janus.client.offer(session, handle, body, Sdp.offer(leg.localDescription(), session));
                leg.connect(Sdp.parseAnswer(answer), peers.handshakes);
            }
            for (PeerLeg leg : legs) {
                leg.ready().get(30, TimeUnit.SECONDS);
            }
            return call;
        } catch (Exception e) {
            call.close();
            throw e;
        }
    }

    @Override
    public void close() {
        janus.close();
    }
}
