package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Colibri2Codec;
import org.lucarne.bridge.colibri.Endpoint;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;

class ColibriSourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FP = "sha-256 4F:47:44:4D:CE:EE:40:81:2D:DC:1F:F6:B0:C1:EC:91:DA:1B:FC:8B:9C:DD:D9:C9:59:"
            + "B0:A2:11:DA:F2:79:3F";

    @Test
    void oneLayerSourcesAreBareSsrcsAsBefore() throws Exception {
        Endpoint e = decode(endpointWithSources(description(List.of(2222L))));

        List<MediaSource> sources = e.sources().mediaSources();
        assertEquals(2, sources.size());
        assertEquals(new MediaSource(MediaType.AUDIO, "a-a0", List.of(Source.of(1111)), List.of()), sources.get(0));
        assertEquals(new MediaSource(MediaType.VIDEO, "a-v0", List.of(Source.of(2222)), List.of()), sources.get(1));
    }

    @Test
    void simulcastSourcesReachTheBridgesCodecAsTheFocusWritesABrowsersLayers() throws Exception {
        Endpoint e = decode(endpointWithSources(description(List.of(21L, 22L, 23L))));

        MediaSource video = e.sources().mediaSources().get(1);
        assertEquals(MediaType.VIDEO, video.type());
        assertEquals(List.of(new SsrcGroup("SIM", List.of(21L, 22L, 23L))), video.ssrcGroups());
        assertEquals(List.of(21L, 22L, 23L), video.sources().stream().map(Source::ssrc).toList());
        Source first = video.sources().get(0);
        assertEquals("a-v0", first.name());
        assertEquals("camera", first.videoType());
        assertEquals(Map.of("msid", "a a-v0"), first.parameters());
        assertEquals(null, video.sources().get(1).videoType());
        Source audio = e.sources().mediaSources().get(0).sources().get(0);
        assertEquals(new Source(1111, "a-a0", null, null, Map.of("msid", "a a-a0")), audio);
    }

    @Test
    void videoHeightsNameTheOtherEndpointInLucarnesExtension() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("meeting-id", "m");
        body.putArray("endpoints").add(ColibriSources.videoHeights("a", Map.of("b", ColibriSources.FULL_SCREEN_HEIGHT)));

        Endpoint e = new Colibri2Codec().decodeRequest(body.toString()).endpoints().get(0);
        assertEquals(Map.of("b", 720), e.videoHeights());
        assertTrue(body.toString().contains("\"" + Endpoint.VIDEO_HEIGHTS + "\":{\"b\":720}"), body.toString());
    }

    private static LocalDescription description(List<Long> video) {
        return new LocalDescription("abcd1234", "0123456789abcdef01234567", FP, "active",
                new InetSocketAddress("127.0.0.1", 50000), 1111, video);
    }

    private static String endpointWithSources(LocalDescription d) {
        ObjectNode body = JSON.createObjectNode().put("meeting-id", "m");
        ObjectNode e = body.putArray("endpoints").addObject().put("id", "a");
        e.set("sources", ColibriSources.of("a", d));
        return body.toString();
    }

    private static Endpoint decode(String json) throws Exception {
        return new Colibri2Codec().decodeRequest(json).endpoints().get(0);
    }
}
