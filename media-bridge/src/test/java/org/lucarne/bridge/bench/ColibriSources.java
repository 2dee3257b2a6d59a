package org.lucarne.bridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.lucarne.bridge.colibri.Endpoint;

/**
 * A synthetic peer's sources in a Colibri2 endpoint (docs/colibri2.md, "Sources"), and the tile
 * heights a peer shows the others (Lucarne's extension {@code lucarne-video-heights}).
 *
 * <ul>
 *   <li>One video layer: bare SSRCs, as the one-layer runs always sent them.</li>
 *   <li>Simulcast: as the signaling server's focus writes a browser's simulcast answer
 *       ({@code EndpointAnswer.sources}): each SSRC named, with its msid, the first video layer
 *       marked {@code camera}, and an {@code SIM} group of the layers, low to high, which is how the
 *       bridge (and JVB) learn simulcast. The peers send no RTX, so there is no {@code FID} group.</li>
 * </ul>
 */
final class ColibriSources {
    /** How tall a kiosk shows the other party in a two-party call: full screen, the top layer of a 720p camera. */
    static final int FULL_SCREEN_HEIGHT = 720;
    /** The extension's wire name, and the capability word a Lucarne bridge lists for it. */
    static final String VIDEO_HEIGHTS = Endpoint.VIDEO_HEIGHTS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColibriSources() {
    }

    /** The {@code sources} of endpoint {@code id} that sends what {@code d} describes. */
    static ArrayNode of(String id, LocalDescription d) {
        ArrayNode sources = JSON.createArrayNode();
        ObjectNode audio = sources.addObject().put("type", "audio").put("id", id + "-a0");
        ObjectNode video = sources.addObject().put("type", "video").put("id", id + "-v0");
        if (!d.simulcast()) {
            audio.putArray("sources").add(d.audioSsrc());
            video.putArray("sources").add(d.videoSsrcs().get(0));
            return sources;
        }
        named(audio.putArray("sources"), id, id + "-a0", d.audioSsrc(), false);
        ArrayNode layers = video.putArray("sources");
        for (int i = 0; i < d.videoSsrcs().size(); i++) {
            named(layers, id, id + "-v0", d.videoSsrcs().get(i), i == 0);
        }
        ArrayNode sim = video.putArray("ssrc-groups").addObject().put("semantics", "SIM").putArray("sources");
        d.videoSsrcs().forEach(sim::add);
        return sources;
    }

    /** An endpoint that tells the bridge how tall it shows each other endpoint (by id), in pixels. */
    static ObjectNode videoHeights(String id, Map<String, Integer> heights) {
        ObjectNode e = JSON.createObjectNode().put("id", id);
        ObjectNode h = e.putObject(VIDEO_HEIGHTS);
        heights.forEach(h::put);
        return e;
    }

    private static void named(ArrayNode into, String endpoint, String name, long ssrc, boolean camera) {
        ObjectNode s = into.addObject().put("ssrc", ssrc).put("name", name);
        if (camera) {
            s.put("video-type", "camera");
        }
        s.putObject("parameters").put("msid", endpoint + " " + name);
    }
}
