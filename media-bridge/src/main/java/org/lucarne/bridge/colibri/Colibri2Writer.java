package org.lucarne.bridge.colibri;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes records in JVB's JSON form (docs/colibri2.md): numbers where JVB writes numbers (SSRCs,
 * header extension ids), strings where JVB writes strings (payload types, candidates), booleans only
 * when true, empty lists left out except a present {@link Sources}.
 */
final class Colibri2Writer {
    private final JsonGenerator g;

    Colibri2Writer(JsonGenerator g) {
        this.g = g;
    }

    void conferenceModify(ConferenceModify m) throws IOException {
        g.writeStartObject();
        string("meeting-id", m.meetingId());
        string("name", m.name());
        flag("create", m.create());
        flag("expire", m.expire());
        endpoints(m.endpoints());
        g.writeEndObject();
    }

    void conferenceModified(ConferenceModified m) throws IOException {
        g.writeStartObject();
        endpoints(m.endpoints());
        sources("sources", m.sources());
        g.writeEndObject();
    }

    private void endpoints(List<Endpoint> endpoints) throws IOException {
        if (endpoints.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("endpoints");
        for (Endpoint e : endpoints) {
            g.writeStartObject();
            g.writeStringField("id", e.id());
            flag("create", e.create());
            flag("expire", e.expire());
            if (!e.medias().isEmpty()) {
                g.writeArrayFieldStart("medias");
                for (Media media : e.medias()) {
                    media(media);
                }
                g.writeEndArray();
            }
            if (e.transport() != null) {
                transport(e.transport());
            }
            sources("sources", e.sources());
            if (!e.capabilities().isEmpty()) {
                g.writeArrayFieldStart("capabilities");
                for (String c : e.capabilities()) {
                    g.writeString(c);
                }
                g.writeEndArray();
            }
            if (e.videoHeights() != null) {
                g.writeObjectFieldStart(Endpoint.VIDEO_HEIGHTS);
                for (var h : e.videoHeights().entrySet()) {
                    g.writeNumberField(h.getKey(), h.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void media(Media media) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", media.type().wireName());
        if (!media.payloadTypes().isEmpty()) {
            g.writeArrayFieldStart("payload-types");
            for (PayloadType pt : media.payloadTypes()) {
                g.writeStartObject();
                g.writeStringField("id", Integer.toString(pt.id()));
                g.writeStringField("name", pt.name());
                g.writeStringField("clockrate", Long.toString(pt.clockrate()));
                if (pt.channels() != null) {
                    g.writeStringField("channels", pt.channels().toString());
                }
                parameters(pt.parameters());
                if (!pt.rtcpFbs().isEmpty()) {
                    g.writeArrayFieldStart("rtcp-fbs");
                    for (RtcpFb fb : pt.rtcpFbs()) {
                        g.writeStartObject();
                        g.writeStringField("type", fb.type());
                        string("subtype", fb.subtype());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!media.rtpHdrExts().isEmpty()) {
            g.writeArrayFieldStart("rtp-hdrexts");
            for (RtpHdrExt ext : media.rtpHdrExts()) {
                g.writeStartObject();
                g.writeNumberField("id", ext.id());
                g.writeStringField("uri", ext.uri());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        flag("extmap-allow-mixed", media.extmapAllowMixed());
        g.writeEndObject();
    }

    private void transport(Transport t) throws IOException {
        g.writeObjectFieldStart("transport");
        flag("ice-controlling", t.iceControlling());
        flag("use-unique-port", t.useUniquePort());
        IceUdpTransport ice = t.iceUdp();
        if (ice != null) {
            g.writeObjectFieldStart("transport");
            g.writeStringField("xmlns", IceUdpTransport.NAMESPACE);
            string("ufrag", ice.ufrag());
            string("pwd", ice.pwd());
            flag("rtcp-mux", ice.rtcpMux());
            if (!ice.fingerprints().isEmpty()) {
                g.writeArrayFieldStart("fingerprints");
                for (Fingerprint f : ice.fingerprints()) {
                    g.writeStartObject();
                    g.writeStringField("fingerprint", f.fingerprint());
                    g.writeStringField("hash", f.hash());
                    if (f.setup() != null) {
                        g.writeStringField("setup", f.setup().wireName());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!ice.candidates().isEmpty()) {
                g.writeArrayFieldStart("candidates");
                for (Candidate c : ice.candidates()) {
                    candidate(c);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** XEP-0176 §5.1 attributes; JVB writes every number of a candidate as a string. */
    private void candidate(Candidate c) throws IOException {
        g.writeStartObject();
        g.writeStringField("component", Integer.toString(c.component()));
        g.writeStringField("foundation", c.foundation());
        digits("generation", c.generation());
        string("id", c.id());
        g.writeStringField("ip", c.ip());
        digits("network", c.network());
        g.writeStringField("port", Integer.toString(c.port()));
        g.writeStringField("priority", Long.toString(c.priority()));
        g.writeStringField("protocol", c.protocol().wireName());
        g.writeStringField("type", c.type().wireName());
        string("rel-addr", c.relAddr());
        digits("rel-port", c.relPort());
        if (c.tcpType() != null) {
            g.writeStringField("tcptype", c.tcpType().wireName());
        }
        g.writeEndObject();
    }

    private void sources(String field, Sources sources) throws IOException {
        if (sources == null) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (MediaSource ms : sources.mediaSources()) {
            g.writeStartObject();
            g.writeStringField("type", ms.type().wireName());
            g.writeStringField("id", ms.id());
            if (!ms.sources().isEmpty()) {
                g.writeArrayFieldStart("sources");
                for (Source s : ms.sources()) {
                    source(s);
                }
                g.writeEndArray();
            }
            if (!ms.ssrcGroups().isEmpty()) {
                g.writeArrayFieldStart("ssrc-groups");
                for (SsrcGroup group : ms.ssrcGroups()) {
                    g.writeStartObject();
                    g.writeStringField("semantics", group.semantics());
                    g.writeArrayFieldStart("sources");
                    for (long ssrc : group.sources()) {
                        g.writeNumber(ssrc);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void source(Source s) throws IOException {
        if (s.isBare()) {
            g.writeNumber(s.ssrc());
            return;
        }
        g.writeStartObject();
        g.writeNumberField("ssrc", s.ssrc());
        string("name", s.name());
        string("video-type", s.videoType());
        string("rid", s.rid());
        parameters(s.parameters());
        g.writeEndObject();
    }

    private void parameters(Map<String, String> parameters) throws IOException {
        if (parameters.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("parameters");
        for (var e : parameters.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private void string(String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private void digits(String field, Integer value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value.toString());
        }
    }

    private void flag(String field, boolean value) throws IOException {
        if (value) {
            g.writeBooleanField(field, true);
        }
    }
}
