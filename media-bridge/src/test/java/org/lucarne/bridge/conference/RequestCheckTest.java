package org.lucarne.bridge.conference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Colibri2Codec;
import org.lucarne.bridge.colibri.ConferenceModify;

/** The meaning checks made before a request changes anything; requests written as JSON, as they arrive. */
class RequestCheckTest {
    private final Colibri2Codec codec = new Colibri2Codec();

    private ConferenceRequestException refused(String json) throws Exception {
        ConferenceModify request = codec.decodeRequest(json);
        return assertThrows(ConferenceRequestException.class, () -> RequestCheck.check(request, Map.of()));
    }

    @Test
    void createAndExpireTogetherAreRefused() throws Exception {
        assertEquals("create and expire cannot both be true",
                refused("{\"meeting-id\":\"m\",\"create\":true,\"expire\":true}").getMessage());
    }

    @Test
    void anEndpointNamedTwiceIsRefused() throws Exception {
        var e = refused("{\"endpoints\":[{\"id\":\"a\",\"expire\":true},{\"id\":\"a\",\"expire\":true}]}");
        assertEquals(400, e.status());
        assertEquals("endpoints[1].id 'a' appears twice in the request", e.getMessage());
    }

    @Test
    void anEndpointCreatedAndExpiredIsRefused() throws Exception {
        assertEquals("endpoints[0] cannot be both created and expired",
                refused("{\"endpoints\":[{\"id\":\"a\",\"create\":true,\"expire\":true,\"transport\":{}}]}").getMessage());
    }

    @Test
    void changingTwoEndpointsInOneRequestIsRefusedAsInJvb() throws Exception {
        var e = refused("{\"endpoints\":[{\"id\":\"a\",\"create\":true,\"transport\":{}},"
                + "{\"id\":\"b\",\"create\":true,\"transport\":{}}]}");
        assertEquals("Creating or updating media, sources or transport for more than one endpoint in a request "
                + "is not supported", e.getMessage());
    }

    @Test
    void expiringManyEndpointsAtOnceIsFineEvenUnknownOnes() throws Exception {
        ConferenceModify r = codec.decodeRequest("{\"endpoints\":[{\"id\":\"a\",\"expire\":true},"
                + "{\"id\":\"b\",\"expire\":true}]}");
        assertDoesNotThrow(() -> RequestCheck.check(r, Map.of()));
    }

    @Test
    void expiringTheConferenceWhileChangingAnEndpointIsRefused() throws Exception {
        assertEquals("endpoints[0] creates or changes an endpoint in a request that expires the conference",
                refused("{\"expire\":true,\"endpoints\":[{\"id\":\"a\",\"sources\":[]}]}").getMessage());
    }

    @Test
    void anSsrcTwiceInOneEndpointIsRefused() throws Exception {
        assertEquals("endpoints[0].sources[1].sources[0].ssrc 7 appears twice in the endpoint's sources",
                refused("{\"endpoints\":[{\"id\":\"a\",\"create\":true,\"transport\":{},\"sources\":["
                        + "{\"type\":\"audio\",\"id\":\"a-a0\",\"sources\":[7]},"
                        + "{\"type\":\"video\",\"id\":\"a-v0\",\"sources\":[7]}]}]}").getMessage());
    }

    @Test
    void anSsrcGroupNamingAForeignSsrcIsRefused() throws Exception {
        assertEquals("endpoints[0].sources[0].ssrc-groups[0].sources[1] 9 is not one of the SSRCs of source a-v0",
                refused("{\"endpoints\":[{\"id\":\"a\",\"create\":true,\"transport\":{},\"sources\":["
                        + "{\"type\":\"video\",\"id\":\"a-v0\",\"sources\":[7,8],"
                        + "\"ssrc-groups\":[{\"semantics\":\"FID\",\"sources\":[7,9]}]}]}]}").getMessage());
    }

    @Test
    void aSourceNameTwiceIsRefused() throws Exception {
        assertEquals("endpoints[0].sources[1].id 'a-v0' appears twice",
                refused("{\"endpoints\":[{\"id\":\"a\",\"create\":true,\"transport\":{},\"sources\":["
                        + "{\"type\":\"video\",\"id\":\"a-v0\",\"sources\":[7]},"
                        + "{\"type\":\"video\",\"id\":\"a-v0\",\"sources\":[8]}]}]}").getMessage());
    }

    @Test
    void aBareUnknownEndpointIsIgnoredAsInJvb() throws Exception {
        ConferenceModify r = codec.decodeRequest("{\"endpoints\":[{\"id\":\"ghost\"}]}");
        assertDoesNotThrow(() -> RequestCheck.check(r, Map.of()));
    }
}
