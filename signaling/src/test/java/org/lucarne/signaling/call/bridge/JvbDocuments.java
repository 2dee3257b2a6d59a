package org.lucarne.signaling.call.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.lucarne.bridge.colibri.Colibri2Codec;
import org.lucarne.bridge.colibri.Colibri2Exception;
import org.lucarne.bridge.colibri.ConferenceModify;

/** The documents of {@code src/test/resources/jvb/}: JVB's requests, answers and error pages. */
final class JvbDocuments {
    static final String MEETING_ID = "4d0c1f7a-2b6e-4a59-9c3d-7e81a05f2c14";
    private static final Colibri2Codec CODEC = new Colibri2Codec();

    private JvbDocuments() {
    }

    static String text(String name) {
        try (InputStream in = JvbDocuments.class.getResourceAsStream("/jvb/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource jvb/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request document of {@code jvb/requests/}, decoded as a bridge would. */
    static ConferenceModify request(String name) {
        try {
            return CODEC.decodeRequest(text("requests/" + name));
        } catch (Colibri2Exception e) {
            throw new IllegalStateException("jvb/requests/" + name + " is not a valid conference-modify: "
                    + e.getMessage(), e);
        }
    }
}
