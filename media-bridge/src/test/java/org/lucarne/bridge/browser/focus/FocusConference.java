package org.lucarne.bridge.browser.focus;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.ConferenceModify;
import org.lucarne.bridge.colibri.Endpoint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.colibri.Transport;
import org.lucarne.bridge.sdp.CallCodecs;
import org.lucarne.bridge.sdp.EndpointAnswer;
import org.lucarne.bridge.sdp.EndpointNegotiation;
import org.lucarne.bridge.sdp.InvalidAnswerException;
import org.lucarne.bridge.sdp.RemoteSource;
import org.lucarne.testing.Chromium;

/**
 * One conference on one bridge, driven the way Jicofo drives JVB, through Colibri2 only: the
 * bridge's side offers, each page answers; sources of a page that joins or leaves reach the others
 * by a new offer (renegotiation), never by ICE restart.
 *
 * <p>A newcomer's sources reach the other pages before they reach the bridge (which drops RTP from
 * sources it was not told of), so that no page receives RTP from an SSRC it has not been offered:
 * Chromium would bind such an SSRC to whichever m-section the packet's MID extension names
 * (RFC 8843 §9.2), and then refuse the offer that puts it in another.
 */
public final class FocusConference {
    private static final List<String> CAPABILITIES = List.of("source-names");

    /** One endpoint: the bridge's transport for it, its offer/answer state and its last answer. */
    private static final class Member {
        final String id;
        final SdpAnswerer page;
        final IceUdpTransport bridge;
        final EndpointNegotiation negotiation;
        EndpointAnswer answer;
        /** What the bridge was last told of the page's transport and sources. */
        IceUdpTransport toldTransport;
        Sources toldSources;

        Member(String id, SdpAnswerer page, IceUdpTransport bridge, long sessionId) {
            this.id = id;
            this.page = page;
            this.bridge = bridge;
            this.negotiation = new EndpointNegotiation(id, sessionId);
        }
    }

    private final Colibri2Client client;
    private final String meetingId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private boolean created;

    public FocusConference(Colibri2Client client, String meetingId) {
        this.client = Objects.requireNonNull(client, "client");
        this.meetingId = Objects.requireNonNull(meetingId, "meetingId");
    }

    public String meetingId() {
        return meetingId;
    }

    /**
     * Allocates the endpoint on the bridge, has its page answer an offer with everyone else's
     * sources, gives the bridge the page's transport and sources, then offers the newcomer's
     * sources to every other page.
     */
    public synchronized void join(String endpointId, SdpAnswerer page) throws IOException, InvalidAnswerException {
        if (members.containsKey(endpointId)) {
            throw new IllegalArgumentException(endpointId + " has already joined " + meetingId);
        }
        Endpoint allocate = new Endpoint(endpointId, true, false, CallCodecs.medias(),
                new Transport(true, false, null), null, CAPABILITIES);
        ConferenceModified allocated = created
                ? client.patch(meetingId, new ConferenceModify(null, null, false, false, List.of(allocate)))
                : client.create(new ConferenceModify(meetingId, null, true, false, List.of(allocate)));
        created = true;
        Member member = new Member(endpointId, page, bridgeTransport(allocated, endpointId), random.nextLong() >>> 1);
        members.put(endpointId, member);
        negotiate(member);
        for (Member other : members.values()) {
            if (other != member) {
                negotiate(other);
                tellBridge(other);
            }
        }
        tellBridge(member);
    }

    /** Expires the endpoint on the bridge and withdraws its sources from every other page. */
    public synchronized void leave(String endpointId) throws IOException, InvalidAnswerException {
        if (members.remove(endpointId) == null) {
            throw new IllegalArgumentException(endpointId + " is not in " + meetingId);
        }
        client.patch(meetingId, new ConferenceModify(null, null, false, false, List.of(Endpoint.expire(endpointId))));
        for (Member other : members.values()) {
            negotiate(other);
            tellBridge(other);
        }
    }

    /**
     * Tells the bridge how tall the endpoint shows each other endpoint (Lucarne's Colibri2 extension
     * {@code lucarne-video-heights}): it gets the simulcast layer that fits.
     */
    public synchronized void videoHeights(String endpointId, Map<String, Integer> heights) throws IOException {
        member(endpointId);
        client.patch(meetingId, new ConferenceModify(null, null, false, false,
                List.of(new Endpoint(endpointId, false, false, List.of(), null, null, List.of(), heights))));
    }

    /** Ends the conference on the bridge; nothing to do when no endpoint was ever allocated. */
    public synchronized void expire() throws IOException {
        if (!created) {
            return;
        }
        client.patch(meetingId, ConferenceModify.expireConference());
        members.clear();
    }

    /** The bridge's ICE and DTLS parameters for the endpoint, from its Colibri2 answer. */
    public synchronized IceUdpTransport bridgeTransport(String endpointId) {
        return member(endpointId).bridge;
    }

    /** The page's last answer: its transport and its own SSRCs. */
    public synchronized EndpointAnswer pageAnswer(String endpointId) {
        return member(endpointId).answer;
    }

    private Member member(String endpointId) {
        Member m = members.get(endpointId);
        if (m == null) {
            throw new IllegalArgumentException(endpointId + " is not in " + meetingId);
        }
        return m;
    }

    /** A new offer to the page with every other page's sources now; keeps its answer. */
    private void negotiate(Member member) throws IOException, InvalidAnswerException {
        List<RemoteSource> remotes = new ArrayList<>();
        for (Member other : members.values()) {
            if (other != member && other.answer != null) {
                remotes.addAll(RemoteSource.of(other.id, other.answer.sources(other.id)));
            }
        }
        String offer = member.negotiation.offer(member.bridge, remotes);
        EndpointAnswer answer = member.negotiation.answer(member.page.answer(offer));
        int count = answer.sources(member.id).mediaSources().size();
        if (count != 2) {
            throw new InvalidAnswerException(member.id + "'s answer sends " + count + " sources; a page"
                    + " here sends its microphone and its camera");
        }
        member.answer = answer;
    }

    /** Gives the bridge the page's transport and sources, as far as they changed since it was last told. */
    private void tellBridge(Member member) throws IOException {
        IceUdpTransport transport = member.answer.transport();
        Sources sources = member.answer.sources(member.id);
        boolean transportChanged = !transport.equals(member.toldTransport);
        boolean sourcesChanged = !sources.equals(member.toldSources);
        if (transportChanged || sourcesChanged) {
            Endpoint update = new Endpoint(member.id, false, false, List.of(),
                    transportChanged ? new Transport(true, false, transport) : null,
                    sourcesChanged ? sources : null, List.of());
            client.patch(meetingId, new ConferenceModify(null, null, false, false, List.of(update)));
            member.toldTransport = transport;
            member.toldSources = sources;
        }
    }

    private static IceUdpTransport bridgeTransport(ConferenceModified answer, String endpointId) throws IOException {
        for (Endpoint e : answer.endpoints()) {
            if (e.id().equals(endpointId) && e.transport() != null && e.transport().iceUdp() != null) {
                return e.transport().iceUdp();
            }
        }
        throw new IOException("the bridge's conference-modified has no endpoints[id=" + endpointId
                + "].transport.transport: it allocated no ICE transport for the endpoint");
    }
}
