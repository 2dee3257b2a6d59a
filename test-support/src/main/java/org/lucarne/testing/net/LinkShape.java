package org.lucarne.testing.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code tc netem} does to a namespace's link, applied to the egress of each veth end, so a
 * round trip carries the delay twice and a packet meets the loss once per direction.
 *
 * @param rateKbits  the bandwidth in kbit/s, or 0 for no limit
 * @param delay      the one-way delay added in each direction
 * @param lossPercent the share of packets dropped in each direction, 0 to 100
 */
public record LinkShape(int rateKbits, Duration delay, double lossPercent) {
    public LinkShape {
        if (rateKbits < 0) {
            throw new IllegalArgumentException("rateKbits must be 0 (no limit) or positive, was " + rateKbits);
        }
        if (delay == null || delay.isNegative() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("delay must be between 0 and 10 s, was " + delay);
        }
        if (!(lossPercent >= 0 && lossPercent <= 100)) {
            throw new IllegalArgumentException("lossPercent must be between 0 and 100, was " + lossPercent);
        }
    }

    /** Only a delay in each direction. */
    public static LinkShape delay(Duration oneWay) {
        return new LinkShape(0, oneWay, 0);
    }

    /** The netem arguments after {@code netem}. */
    List<String> netemArguments() {
        List<String> args = new ArrayList<>();
        if (!delay.isZero()) {
            args.addAll(List.of("delay", delay.toMillis() + "ms"));
        }
        if (lossPercent > 0) {
            args.addAll(List.of("loss", lossPercent + "%"));
        }
        if (rateKbits > 0) {
            args.addAll(List.of("rate", rateKbits + "kbit"));
        }
        return args;
    }
}
