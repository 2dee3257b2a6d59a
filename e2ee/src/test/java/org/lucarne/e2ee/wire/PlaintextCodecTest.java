package org.lucarne.e2ee.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaintextCodecTest {
    static final String ID = "AAECAwQFBgcICQoLDA0ODw";
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    private static InnerMessage decode(String json) throws PlaintextException {
        return PlaintextCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String json) {
        return assertThrows(PlaintextException.class, () -> decode(json)).getMessage();
    }

    @Test
    void everyTypeReadsBackFromItsEncoding() throws Exception {
        for (InnerMessage m : List.of(
                new InnerMessage.Text(ID, 1796083200000L, "Bonjour Mamie ❤️"),
                new InnerMessage.Photo(ID, 1L, ID, KEY, 2, 40000, KEY, 1600, 1200, "la mer"),
                new InnerMessage.Photo(ID, 1L, ID, KEY, 1, 100, KEY, 10, 10, null),
                new InnerMessage.Read(List.of(ID)),
                new InnerMessage.Roster(List.of()))) {
            byte[] json = PlaintextCodec.encode(m);
            assertEquals(m, PlaintextCodec.decode(json));
            assertArrayEquals(json, PlaintextCodec.encode(PlaintextCodec.decode(json)));
        }
    }

    @Test
    void fieldsMayComeInAnyOrder() throws Exception {
        assertEquals(new InnerMessage.Text(ID, 5, "hi"), decode("{\"body\":\"hi\",\"sentAt\":5,\"id\":\"" + ID + "\",\"type\":\"text\"}"));
    }

    @Test
    void unknownRepeatedOrMissingFieldsAreRefusedByName() {
        assertEquals("unknown field 'colour'", refusal("{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":5,\"body\":\"x\",\"colour\":1}"));
        assertThrows(PlaintextException.class, () -> decode("{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":5,\"body\":\"x\",\"body\":\"y\"}"));
        assertEquals("'body' is missing", refusal("{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":5}"));
        assertEquals("unknown plaintext type 'poke'", refusal("{\"type\":\"poke\"}"));
    }

    @Test
    void wrongTypesAndBoundsAreRefused() {
        String text = "{\"type\":\"text\",\"id\":\"" + ID + "\",";
        assertThrows(PlaintextException.class, () -> decode(text + "\"sentAt\":5.0,\"body\":\"x\"}"));
        assertThrows(PlaintextException.class, () -> decode(text + "\"sentAt\":\"5\",\"body\":\"x\"}"));
        assertThrows(PlaintextException.class, () -> decode(text + "\"sentAt\":5,\"body\":\"\"}"));
        assertThrows(PlaintextException.class, () -> decode(text + "\"sentAt\":5,\"body\":\"" + "a".repeat(4001) + "\"}"));
        assertThrows(PlaintextException.class, () -> decode(text + "\"sentAt\":5,\"body\":\"\\ud800\"}"));
        assertThrows(PlaintextException.class, () -> decode("{\"type\":\"text\",\"id\":\"AAECAwQFBgcICQoLDA0ODx\",\"sentAt\":5,\"body\":\"x\"}"));
        assertThrows(PlaintextException.class, () -> decode("{\"type\":\"read\",\"ids\":[]}"));
        assertThrows(PlaintextException.class, () -> decode("{\"type\":\"read\",\"ids\":[\"" + ID + "\",\"" + ID + "\"]}"));
    }

    @Test
    void aPhotoWhoseChunksDoNotMatchItsSizeIsRefused() {
        assertEquals("a photo of 40000 bytes has 2 chunks, not 1", refusal("{\"type\":\"photo\",\"id\":\"" + ID
                + "\",\"sentAt\":1,\"blob\":\"" + ID + "\",\"key\":\"" + KEY + "\",\"chunks\":1,\"bytes\":40000,\"sha256\":\""
                + KEY + "\",\"width\":1,\"height\":1}"));
    }

    @Test
    void notJsonNotAnObjectOrNotUtf8IsRefused() {
        assertThrows(PlaintextException.class, () -> decode("[1]"));
        assertThrows(PlaintextException.class, () -> decode("{\"type\":\"read\",\"ids\":[\"" + ID + "\"]} {}"));
        assertThrows(PlaintextException.class, () -> decode(""));
        assertThrows(PlaintextException.class, () -> PlaintextCodec.decode(new byte[] {'{', (byte) 0xC3, '}'}));
    }
}
