package org.lucarne.bridge.conference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.ConferenceModify;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.forward.ConferenceRouter;
import org.lucarne.bridge.forward.FeedbackSsrcs;
import org.lucarne.bridge.forward.ForwardingStats;
import org.lucarne.bridge.transport.TransportContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every conference of the bridge, by meeting id: the one entry point of Colibri2 requests, and the
 * expiry of silent endpoints and empty conferences. Thread-safe.
 */
public final class Conferences implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Conferences.class);

    private final Map<String, Conference> byMeetingId = new ConcurrentHashMap<>();
    private final TransportContext transports;
    private final FeedbackSsrcs feedbackSsrcs;
    private final Sources feedback;
    private final ForwardingStats stats;
    private final Executor workers;
    private final Clock clock;
    private final Duration expire;
    private final Map<String, Long> retiredDrops = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param expire how long an endpoint may stay silent, and a conference empty, before it is expired
     */
    public Conferences(TransportContext transports, FeedbackSsrcs feedback, ForwardingStats stats, Executor workers,
                       Clock clock, Duration expire) {
        this.transports = transports;
        this.feedbackSsrcs = feedback;
        this.feedback = feedbackSources(feedback);
        this.stats = stats;
        this.workers = workers;
        this.clock = clock;
        this.expire = expire;
    }

    /** JVB's feedback sources ({@code jvb-a0}, {@code jvb-v0}), with the msid browsers group them by. */
    static Sources feedbackSources(FeedbackSsrcs ssrcs) {
        return new Sources(List.of(
                feedbackSource(MediaType.AUDIO, FeedbackSsrcs.AUDIO_NAME, ssrcs.audio(), "mixedmslabel mixedlabelaudio0"),
                feedbackSource(MediaType.VIDEO, FeedbackSsrcs.VIDEO_NAME, ssrcs.video(), "mixedmslabel mixedlabelvideo0")));
    }

    private static MediaSource feedbackSource(MediaType type, String name, long ssrc, String msid) {
        return new MediaSource(type, name, List.of(new Source(ssrc, name, null, null, Map.of("msid", msid))), List.of());
    }

    /**
     * A request addressed to the bridge ({@code POST /colibri/v2/conferences}): the body names the
     * conference; {@code create: true} creates it, otherwise it must exist.
     */
    public ConferenceModified post(ConferenceModify request) throws ConferenceRequestException {
        if (request.meetingId() == null) {
            throw ConferenceRequestException.badRequest("meeting-id is missing: a POST names its conference");
        }
        return apply(request.meetingId(), request);
    }

    /** A request addressed to one conference ({@code PATCH /colibri/v2/conferences/{meetingId}}). */
    public ConferenceModified patch(String meetingId, ConferenceModify request) throws ConferenceRequestException {
        if (request.meetingId() != null && !request.meetingId().equals(meetingId)) {
            throw ConferenceRequestException.badRequest("meeting-id '" + request.meetingId()
                    + "' does not match the conference in the URL, '" + meetingId + "'");
        }
        return apply(meetingId, request);
    }

    private ConferenceModified apply(String meetingId, ConferenceModify request) throws ConferenceRequestException {
        if (closed) {
            throw ConferenceRequestException.failed("the bridge is shutting down");
        }
        if (request.create()) {
            return create(meetingId, request);
        }
        Conference conference = byMeetingId.get(meetingId);
        if (conference == null) {
            throw ConferenceRequestException.notFound("Conference not found for meeting-id " + meetingId);
        }
        if (request.expire()) {
            RequestCheck.check(request, Map.of());
            expire(conference, "expired by request");
            return new ConferenceModified(List.of(), null);
        }
        return conference.apply(request, false);
    }

    private synchronized ConferenceModified create(String meetingId, ConferenceModify request)
            throws ConferenceRequestException {
        if (byMeetingId.containsKey(meetingId)) {
            // JVB answers a conflict here too (its REST API turns it into a 400).
            throw ConferenceRequestException.conflict("Conference already exists for meeting-id " + meetingId);
        }
        RequestCheck.check(request, Map.of());
        ConferenceRouter router;
        try {
            router = new ConferenceRouter(meetingId, feedbackSsrcs, stats, workers, clock);
        } catch (RuntimeException e) {
            LOG.warn("conference {}: no router: {}", meetingId, e.toString());
            throw ConferenceRequestException.failed("could not create the conference's packet router");
        }
        Conference conference = new Conference(meetingId, router, transports, feedback, clock,
                drops -> drops.forEach((k, v) -> retiredDrops.merge(k, v, Long::sum)));
        ConferenceModified answer;
        try {
            answer = conference.apply(request, true);
        } catch (ConferenceRequestException | RuntimeException e) {
            conference.close();
            throw e;
        }
        byMeetingId.put(meetingId, conference);
        created.incrementAndGet();
        LOG.info("conference {} created{}", meetingId, request.name() == null ? "" : " (" + request.name() + ")");
        return answer;
    }

    private void expire(Conference conference, String why) {
        if (byMeetingId.remove(conference.meetingId(), conference)) {
            conference.close();
            expired.incrementAndGet();
            LOG.info("conference {} {}", conference.meetingId(), why);
        }
    }

    /**
     * One expiry pass at the clock's current time: endpoints silent for longer than the expire time
     * go, then conferences empty for that long. Run periodically by the bridge; tests call it directly.
     *
     * @return how many endpoints and conferences were expired
     */
    public int sweep() {
        Instant now = clock.instant();
        int count = 0;
        for (Conference conference : byMeetingId.values()) {
            try {
                count += conference.expireSilentEndpoints(now, expire);
                if (conference.emptyLongerThan(now, expire)) {
                    expire(conference, "expired after " + expire.toSeconds() + " s without endpoints");
                    count++;
                }
            } catch (RuntimeException e) {
                LOG.warn("conference {}: expiry failed: {}", conference.meetingId(), e.toString());
            }
        }
        return count;
    }

    public int conferenceCount() {
        return byMeetingId.size();
    }

    public int endpointCount() {
        return byMeetingId.values().stream().mapToInt(Conference::endpointCount).sum();
    }

    /** Datagrams the transports dropped since start, by reason (closed transports included). */
    public Map<String, Long> transportDrops() {
        Map<String, Long> totals = new java.util.TreeMap<>(retiredDrops);
        byMeetingId.values().forEach(c -> c.addTransportDrops(totals));
        return totals;
    }

    /** Conferences created since start. */
    public long createdCount() {
        return created.get();
    }

    /** Conferences expired (by request or by the sweep) since start. */
    public long expiredCount() {
        return expired.get();
    }

    /** Expires every conference; later requests are refused. */
    @Override
    public void close() {
        closed = true;
        for (Conference conference : List.copyOf(byMeetingId.values())) {
            try {
                expire(conference, "expired: the bridge is stopping");
            } catch (RuntimeException e) {
                LOG.warn("conference {}: closing failed: {}", conference.meetingId(), e.toString());
            }
        }
    }
}
