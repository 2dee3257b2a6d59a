package org.lucarne.bridge.forward;

import java.time.Instant;
import java.util.List;
import org.lucarne.bridge.colibri.Media;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.srtp.SrtpSession;
import org.lucarne.bridge.transport.TransportListener;

/**
 * One endpoint in a {@link ConferenceRouter}: receives its transport's datagrams and sends it the
 * others' media.
 *
 * <p>SCAFFOLD: signatures agreed between the conference and packet-path work; the bodies are
 * being written.
 */
public final class RouterEndpoint implements TransportListener {

    /** Its media lines from Colibri2 (payload types, header-extension ids, rtcp-fbs). */
    public void setMedias(List<Media> medias) {
        throw new UnsupportedOperationException("scaffold");
    }

    /**
     * Its announced sources from Colibri2. RTP from an SSRC not announced here is dropped and
     * counted; receivers get a keyframe request sent to a new video source.
     */
    public void setSources(List<MediaSource> sources) {
        throw new UnsupportedOperationException("scaffold");
    }

    /** When a packet last came from the peer (or when it was added), for expiry. */
    public Instant lastActivity() {
        throw new UnsupportedOperationException("scaffold");
    }

    @Override
    public void connected(SrtpSession srtp) {
        throw new UnsupportedOperationException("scaffold");
    }

    @Override
    public void received(byte[] datagram, long receivedAtNanos) {
        throw new UnsupportedOperationException("scaffold");
    }

    @Override
    public void failed(String reason) {
        throw new UnsupportedOperationException("scaffold");
    }
}
