package org.lucarne.bridge.forward;

import java.security.SecureRandom;

/**
 * The SSRCs the bridge itself sends RTCP from (receiver reports, PLI, FIR, REMB): one for audio,
 * one for video, per bridge. Colibri2 answers list them as the bridge's feedback {@code sources}
 * ({@code jvb-a0}, {@code jvb-v0} in JVB), so that clients accept RTCP from them.
 */
public record FeedbackSsrcs(long audio, long video) {
    public static final String AUDIO_NAME = "jvb-a0";
    public static final String VIDEO_NAME = "jvb-v0";

    public static FeedbackSsrcs random(SecureRandom random) {
        long a = random.nextInt() & 0xFFFF_FFFFL;
        long v;
        do {
            v = random.nextInt() & 0xFFFF_FFFFL;
        } while (v == a);
        return new FeedbackSsrcs(a, v);
    }
}
