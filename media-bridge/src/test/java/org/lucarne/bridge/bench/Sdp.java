package org.lucarne.bridge.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.lucarne.bridge.dtls.CertificateFingerprint;

/**
 * The SDP a synthetic peer offers (one audio and one video m-line, BUNDLE, rtcp-mux, its one host
 * candidate, no trickle; simulcast layers as an {@code a=ssrc-group:SIM}) and what it reads from an answer. Only what the bench needs: this is not
 * a general SDP parser, but every value it needs is checked and a missing one is named.
 */
final class Sdp {
    private Sdp() {
    }

    /**
     * An offer in the shape a browser sends (RFC 8829 §5.2, RFC 8843 BUNDLE, RFC 8839 ICE attributes).
     * Simulcast layers are announced as Chromium does when a page adds them (as lib-jitsi-meet and
     * janus.js do): an {@code a=ssrc-group:SIM} of the layers' SSRCs, low to high (RFC 5576 §4.2).
     */
    static String offer(LocalDescription d, long sessionId) {
        InetSocketAddress c = d.candidate();
        String candidate = "a=candidate:1 1 udp " + IceChecks.HOST_PRIORITY + " " + c.getAddress().getHostAddress() + " "
                + c.getPort() + " typ host\r\n";
        String common = "c=IN IP4 " + c.getAddress().getHostAddress() + "\r\n"
                + "a=ice-ufrag:" + d.ufrag() + "\r\n"
                + "a=ice-pwd:" + d.pwd() + "\r\n"
                + "a=fingerprint:" + d.sdpFingerprint() + "\r\n"
                + "a=setup:" + d.setup() + "\r\n"
                + "a=sendrecv\r\n"
                + "a=rtcp-mux\r\n";
        return "v=0\r\n"
                + "o=- " + sessionId + " 1 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "t=0 0\r\n"
                + "a=group:BUNDLE 0 1\r\n"
                + "a=msid-semantic: WMS bench\r\n"
                + "m=audio " + c.getPort() + " UDP/TLS/RTP/SAVPF " + SyntheticStream.OPUS_PT + "\r\n"
                + common
                + "a=mid:0\r\n"
                + "a=rtpmap:" + SyntheticStream.OPUS_PT + " opus/48000/2\r\n"
                + "a=ssrc:" + d.audioSsrc() + " cname:bench\r\n"
                + candidate
                + "a=end-of-candidates\r\n"
                + "m=video " + c.getPort() + " UDP/TLS/RTP/SAVPF " + SyntheticStream.VP8_PT + "\r\n"
                + common
                + "a=mid:1\r\n"
                + "a=rtpmap:" + SyntheticStream.VP8_PT + " VP8/90000\r\n"
                + "a=rtcp-fb:" + SyntheticStream.VP8_PT + " nack pli\r\n"
                + videoSsrcs(d)
                + candidate
                + "a=end-of-candidates\r\n";
    }

    private static String videoSsrcs(LocalDescription d) {
        StringBuilder lines = new StringBuilder();
        if (d.simulcast()) {
            lines.append("a=ssrc-group:SIM");
            d.videoSsrcs().forEach(ssrc -> lines.append(' ').append(ssrc));
            lines.append("\r\n");
        }
        d.videoSsrcs().forEach(ssrc -> lines.append("a=ssrc:").append(ssrc).append(" cname:bench\r\n"));
        return lines.toString();
    }

    /**
     * The transport of an answer: the first ice-ufrag, ice-pwd, fingerprint and setup (session or
     * media level; with BUNDLE they are the same everywhere), and the first IPv4 UDP host candidate.
     *
     * @throws IllegalArgumentException naming the attribute that is missing or bad
     */
    static RemoteDescription parseAnswer(String sdp) {
        String ufrag = null;
        String pwd = null;
        String fingerprint = null;
        String setup = null;
        InetSocketAddress candidate = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (ufrag == null && line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring(12);
            } else if (pwd == null && line.startsWith("a=ice-pwd:")) {
                pwd = line.substring(10);
            } else if (fingerprint == null && line.startsWith("a=fingerprint:")) {
                fingerprint = line.substring(14);
            } else if (setup == null && line.startsWith("a=setup:")) {
                setup = line.substring(8);
            } else if (candidate == null && line.startsWith("a=candidate:")) {
                candidate = hostCandidate(line.substring(12));
            }
        }
        require(ufrag, "a=ice-ufrag");
        require(pwd, "a=ice-pwd");
        require(fingerprint, "a=fingerprint");
        require(setup, "a=setup");
        require(candidate, "IPv4 UDP a=candidate");
        return new RemoteDescription(ufrag, pwd, CertificateFingerprint.parse(fingerprint), setup, candidate);
    }

    /** RFC 8839 §5.1: foundation component transport priority address port "typ" type ...; IPv4 UDP only. */
    private static InetSocketAddress hostCandidate(String value) {
        String[] f = value.split(" ");
        if (f.length < 8 || !"1".equals(f[1]) || !"udp".equalsIgnoreCase(f[2]) || !f[4].matches("[0-9.]+")) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(f[4]), Integer.parseInt(f[5]));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad a=candidate address or port: '" + value + "'", e);
        }
    }

    private static void require(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("the SDP answer has no " + what);
        }
    }
}
