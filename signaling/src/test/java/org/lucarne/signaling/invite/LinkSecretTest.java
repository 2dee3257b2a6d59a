package org.lucarne.signaling.invite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class LinkSecretTest {

    @Test
    void secretIs32RandomBytesInBase64Url() {
        LinkSecret secret = LinkSecret.generate();
        assertTrue(secret.value().matches("[A-Za-z0-9_-]{43}"), secret.value());
        assertArrayEquals(Base64.getUrlDecoder().decode(secret.value()), secret.bytes());
        assertEquals(32, secret.bytes().length);
        assertNotEquals(secret.value(), LinkSecret.generate().value());
    }

    @Test
    void toStringHidesTheSecret() {
        LinkSecret secret = LinkSecret.generate();
        assertEquals("LinkSecret[hidden]", secret.toString());
    }

    @Test
    void linkPutsIdInPathAndSecretInFragment() {
        InviteId id = InviteId.generate();
        LinkSecret secret = LinkSecret.generate();
        String expected = "https://visio.chu.example:8443/v/" + id.value() + "#" + secret.value();
        assertEquals(expected, Invite.link("https://visio.chu.example:8443", id, secret));
        assertEquals(expected, Invite.link("https://visio.chu.example:8443/", id, secret));
    }

    @Test
    void linkRefusedForAnythingButAnHttpsOrigin() {
        InviteId id = InviteId.generate();
        LinkSecret secret = LinkSecret.generate();
        for (String origin : new String[] {"http://visio.example", "https://visio.example/app", "visio.example",
                "https://visio.example?x=1", "https://user@visio.example", "https://"}) {
            assertThrows(IllegalArgumentException.class, () -> Invite.link(origin, id, secret), origin);
        }
    }
}
