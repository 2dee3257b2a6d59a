package org.lucarne.bridge.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;

/** A bridge transport, remote endpoints and Chromium's answer, shared by the SDP tests. */
final class SdpFixtures {
    static final String FINGERPRINT = "C7:1E:04:9B:52:AF:E3:68:0D:B4:71:2A:95:CE:38:F6:61:0B:D9:47:AC:13:5E:F0:82:6D:B7:29:E4:5A:C8:1F";
    static final IceUdpTransport BRIDGE = new IceUdpTransport("7mq2c0fhb3k9sd", "2vn8d61kq0t4hpl3m9rbc5g7ja", true,
            List.of(new Fingerprint("sha-256", FINGERPRINT, Fingerprint.Setup.ACTPASS)),
            List.of(new Candidate(1, "1", 0, "3f6a", "10.20.0.7", 0, 10000, 2130706431L, Candidate.Protocol.UDP,
                            Candidate.Type.HOST, null, null),
                    new Candidate(1, "2", 0, "8b1e", "198.51.100.23", 0, 10000, 1694498815L, Candidate.Protocol.UDP,
                            Candidate.Type.SRFLX, "10.20.0.7", 10000)));
    /** The layout Chromium's answer answers: the page's own mids 0 and 1, endpoint ep-b's audio and video in 2 and 3. */
    static final OfferLayout CHROMIUM_OFFER = OfferLayout.initial().next(remote("ep-b", 1000));

    private SdpFixtures() {
    }

    /** An endpoint's microphone (one SSRC) and camera (a primary SSRC and its RTX in an FID group). */
    static List<RemoteSource> remote(String id, long ssrc) {
        return List.of(new RemoteSource(id, new MediaSource(MediaType.AUDIO, id + "-a0", List.of(Source.of(ssrc)), List.of())),
                new RemoteSource(id, new MediaSource(MediaType.VIDEO, id + "-v0", List.of(Source.of(ssrc + 1), Source.of(ssrc + 2)),
                        List.of(new SsrcGroup("FID", List.of(ssrc + 1, ssrc + 2))))));
    }

    @SafeVarargs
    static List<RemoteSource> all(List<RemoteSource>... endpoints) {
        return java.util.Arrays.stream(endpoints).flatMap(List::stream).toList();
    }

    /** Chromium 156's answer to an offer of {@link #CHROMIUM_OFFER}, as the test page gave it; CRLF line ends. */
    static String chromiumAnswer() {
        try (InputStream in = SdpFixtures.class.getResourceAsStream("chrome-answer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The layers {@link #simulcastAnswer()} adds to Chromium's camera: 3274497217 (its own), then two more. */
    static final String SIMULCAST_LINES = "a=ssrc-group:SIM 3274497217 1111 2222\r\n"
            + "a=ssrc-group:FID 1111 3333\r\na=ssrc-group:FID 2222 4444\r\n"
            + "a=ssrc:1111 cname:pe/VtsjcMkTn0oZp\r\na=ssrc:3333 cname:pe/VtsjcMkTn0oZp\r\n"
            + "a=ssrc:2222 cname:pe/VtsjcMkTn0oZp\r\na=ssrc:4444 cname:pe/VtsjcMkTn0oZp\r\n";

    /** Chromium's answer with three simulcast layers, as the call engine adds them (web-client call-simulcast.js). */
    static String simulcastAnswer() {
        String answer = chromiumAnswer();
        String last = "a=ssrc:3882622226 cname:pe/VtsjcMkTn0oZp\r\n";
        return answer.replace(last, last + SIMULCAST_LINES);
    }
}
