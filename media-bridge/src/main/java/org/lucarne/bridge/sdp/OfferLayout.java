package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lucarne.bridge.colibri.MediaType;

/**
 * Which m-section of an endpoint's offer carries what. Immutable; {@link #next} gives the layout
 * of the following offer.
 *
 * <ul>
 *   <li>mids 0 (audio) and 1 (video) are the endpoint's own: it sends its microphone and camera
 *       there, and the bridge's side offers them {@code recvonly};</li>
 *   <li>every further m-section carries one remote source to the endpoint ({@code sendonly}), or
 *       nothing ({@code inactive}) once that source has gone.</li>
 * </ul>
 * An m-section is never removed from later offers (RFC 8829 §5.2.2, RFC 3264 §8.2): a freed one
 * stays {@code inactive} in the BUNDLE group until a new source of its media type reuses it, and
 * only when none is free does a new one go at the end.
 */
public final class OfferLayout {
    /** More m-sections than a hospital visit needs by far (31 remote participants with audio and video). */
    public static final int MAX_M_SECTIONS = 64;

    /**
     * One m-section.
     *
     * @param mid    its {@code a=mid} (RFC 5888 §4), the same in every offer (RFC 8829 §5.2.2)
     * @param type   audio or video, fixed for the m-section's life (RFC 8829 §5.2.2)
     * @param own    the endpoint's own sending m-section (mids 0 and 1)
     * @param remote the remote source it carries, null for an own or a free m-section
     */
    public record MSection(String mid, MediaType type, boolean own, RemoteSource remote) {
        public MSection {
            Objects.requireNonNull(mid, "mid");
            Objects.requireNonNull(type, "type");
            if (own && remote != null) {
                throw new IllegalArgumentException("an own m-section carries no remote source");
            }
        }

        /** The offer's direction, from the bridge's side (RFC 3264 §6.1). */
        public String direction() {
            return own ? "recvonly" : remote != null ? "sendonly" : "inactive";
        }
    }

    private final List<MSection> sections;

    private OfferLayout(List<MSection> sections) {
        this.sections = List.copyOf(sections);
    }

    /** The layout before any offer: the endpoint's own audio and video, nothing remote. */
    public static OfferLayout initial() {
        return new OfferLayout(List.of(new MSection("0", MediaType.AUDIO, true, null),
                new MSection("1", MediaType.VIDEO, true, null)));
    }

    /**
     * The layout of the next offer, carrying exactly {@code remotes}: a source already offered keeps
     * its m-section (its SSRCs may have changed), a source that has gone frees its m-section, and a
     * new source takes the first free m-section of its type, else a new one at the end.
     *
     * @throws IllegalArgumentException if a source appears twice, two sources share an SSRC (one
     *                                  BUNDLE group is one RTP session, RFC 8843 §9.1), or the
     *                                  offer would need more than {@link #MAX_M_SECTIONS}
     */
    public OfferLayout next(List<RemoteSource> remotes) {
        Map<String, RemoteSource> byKey = new HashMap<>();
        Set<Long> ssrcs = new HashSet<>();
        for (RemoteSource r : remotes) {
            if (byKey.put(r.key(), r) != null) {
                throw new IllegalArgumentException("source " + r.key() + " is given twice");
            }
            for (Long ssrc : r.ssrcs()) {
                if (!ssrcs.add(ssrc)) {
                    throw new IllegalArgumentException("SSRC " + ssrc + " of source " + r.key()
                            + " is another source's too: one BUNDLE group is one RTP session (RFC 8843 §9.1)");
                }
            }
        }
        List<MSection> next = new ArrayList<>(sections.size());
        Set<String> placed = new HashSet<>();
        for (MSection m : sections) {
            RemoteSource now = m.remote() == null ? null : byKey.get(m.remote().key());
            boolean keeps = now != null && now.source().type() == m.type();
            next.add(new MSection(m.mid(), m.type(), m.own(), keeps ? now : null));
            if (keeps) {
                placed.add(now.key());
            }
        }
        for (RemoteSource r : remotes) {
            if (placed.contains(r.key())) {
                continue;
            }
            MediaType type = r.source().type();
            int free = firstFree(next, type);
            if (free >= 0) {
                next.set(free, new MSection(next.get(free).mid(), type, false, r));
            } else if (next.size() >= MAX_M_SECTIONS) {
                throw new IllegalArgumentException("an offer with " + remotes.size() + " remote sources needs more than "
                        + MAX_M_SECTIONS + " m-sections");
            } else {
                next.add(new MSection(Integer.toString(next.size()), type, false, r));
            }
        }
        return new OfferLayout(next);
    }

    private static int firstFree(List<MSection> sections, MediaType type) {
        for (int i = 0; i < sections.size(); i++) {
            MSection m = sections.get(i);
            if (!m.own() && m.remote() == null && m.type() == type) {
                return i;
            }
        }
        return -1;
    }

    /** The m-sections in offer order. */
    public List<MSection> sections() {
        return sections;
    }

    /** Every SSRC the offer sends the endpoint. */
    Set<Long> remoteSsrcs() {
        Set<Long> ssrcs = new HashSet<>();
        for (MSection m : sections) {
            if (m.remote() != null) {
                ssrcs.addAll(m.remote().ssrcs());
            }
        }
        return ssrcs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfferLayout other && other.sections.equals(sections);
    }

    @Override
    public int hashCode() {
        return sections.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (MSection m : sections) {
            s.append(s.length() == 0 ? "" : ", ").append(m.mid()).append(':').append(m.type().wireName()).append(' ')
                    .append(m.direction()).append(m.remote() == null ? "" : " " + m.remote().key());
        }
        return s.toString();
    }
}
