package org.lucarne.bridge.rtp;

/** Picks the typed view for a packet, as the bridge's RTCP handler will, and reads it all. */
final class RtcpViews {

    private RtcpViews() {
    }

    /** Returns a digest of every field, so that no accessor goes unexercised. */
    static long of(RtcpPacket p) throws MalformedPacketException {
        long sum = p.length() + p.paddingLength();
        switch (p.type()) {
            case RtcpPacket.SR: {
                SenderReport sr = SenderReport.of(p);
                sum += sr.senderSsrc() + sr.ntpTimestamp() + sr.rtpTimestamp() + sr.packetCount()
                        + sr.octetCount();
                for (int i = 0; i < sr.reportCount(); i++) {
                    sum += sr.reportBlock(i).hashCode();
                }
                return sum;
            }
            case RtcpPacket.RR: {
                ReceiverReport rr = ReceiverReport.of(p);
                sum += rr.senderSsrc();
                for (int i = 0; i < rr.reportCount(); i++) {
                    sum += rr.reportBlock(i).hashCode();
                }
                return sum;
            }
            case RtcpPacket.SDES: {
                Sdes sdes = Sdes.of(p);
                for (int i = 0; i < sdes.chunkCount(); i++) {
                    String cname = sdes.cname(i);
                    sum += sdes.ssrc(i) + (cname == null ? 0 : cname.length());
                }
                return sum;
            }
            case RtcpPacket.BYE: {
                Bye bye = Bye.of(p);
                for (int i = 0; i < bye.ssrcCount(); i++) {
                    sum += bye.ssrc(i);
                }
                String reason = bye.reason();
                return sum + (reason == null ? 0 : reason.length());
            }
            case RtcpPacket.RTPFB:
                if (p.isNack()) {
                    Nack nack = Nack.of(p);
                    for (int seq : nack.lostSequenceNumbers()) {
                        sum += seq;
                    }
                    return sum + nack.senderSsrc() + nack.mediaSsrc();
                }
                if (p.isTransportCc()) {
                    TransportCc fb = TransportCc.of(p);
                    sum += fb.baseSequenceNumber() + fb.referenceTime() + fb.feedbackPacketCount();
                    for (int i = 0; i < fb.packetStatusCount(); i++) {
                        sum += fb.sequenceNumber(i) + (fb.received(i) ? fb.delta(i) : 1);
                    }
                }
                return sum;
            case RtcpPacket.PSFB:
                if (p.isPli()) {
                    return sum + Pli.of(p).mediaSsrc();
                }
                if (p.isFir()) {
                    Fir fir = Fir.of(p);
                    for (int i = 0; i < fir.entryCount(); i++) {
                        sum += fir.ssrc(i) + fir.sequenceNumber(i);
                    }
                    return sum;
                }
                if (p.format() == RtcpPacket.FMT_AFB && p.isRemb()) {
                    Remb remb = Remb.of(p);
                    sum += remb.bitrate();
                    for (int i = 0; i < remb.ssrcCount(); i++) {
                        sum += remb.ssrc(i);
                    }
                }
                return sum;
            default:
                return sum;
        }
    }
}
