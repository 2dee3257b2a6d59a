package org.lucarne.bridge.colibri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lucarne's extension to a Colibri2 endpoint: the tallest picture it shows of each other endpoint. */
class Colibri2VideoHeightsTest {
    private final Colibri2Codec codec = new Colibri2Codec();

    private static ConferenceModify request(Map<String, Integer> heights) {
        return new ConferenceModify("m1", null, false, false,
                List.of(new Endpoint("kiosk", false, false, List.of(), null, null, List.of(), heights)));
    }

    @Test
    void heightsGoOnTheWireByEndpointIdAndComeBackTheSame() throws Exception {
        Map<String, Integer> heights = Map.of("fam-1", 180, "fam-2", 720);
        String json = codec.encodeRequest(request(heights));

        assertTrue(json.contains("\"lucarne-video-heights\":{"), json);
        assertEquals(heights, codec.decodeRequest(json).endpoints().get(0).videoHeights());
    }

    @Test
    void anEndpointWithoutThemWritesNothingAndReadsAsUnchanged() throws Exception {
        String json = codec.encodeRequest(request(null));

        assertFalse(json.contains("lucarne"), "what JVB gets has no trace of the extension: " + json);
        assertNull(codec.decodeRequest(json).endpoints().get(0).videoHeights());
    }

    @Test
    void refusesHeightsThatAreNotWholeNumbersUpTo4320() {
        for (String bad : List.of("{\"a\":-1}", "{\"a\":4321}", "{\"a\":true}", "[360]", "{\"\":360}")) {
            Colibri2Exception e = assertThrows(Colibri2Exception.class, () -> codec.decodeRequest(
                    "{\"meeting-id\":\"m1\",\"endpoints\":[{\"id\":\"k\",\"lucarne-video-heights\":" + bad + "}]}"), bad);
            assertTrue(e.getMessage().startsWith("endpoints[0].lucarne-video-heights"), e.getMessage());
        }
    }

    @Test
    void refusesMoreThan64Endpoints() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= 64; i++) {
            many.append(i == 0 ? "" : ",").append("\"e").append(i).append("\":1");
        }
        Colibri2Exception e = assertThrows(Colibri2Exception.class, () -> codec.decodeRequest(
                "{\"meeting-id\":\"m1\",\"endpoints\":[{\"id\":\"k\",\"lucarne-video-heights\":" + many + "}}]}"));
        assertTrue(e.getMessage().contains("at most 64 entries"), e.getMessage());
    }
}
