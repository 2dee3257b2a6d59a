package org.lucarne.e2ee.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.wire.PlaintextCodec;
import org.lucarne.e2ee.wire.PlaintextException;

/** plaintext.json: the inner JSON types, valid and invalid, as docs/protocol/fixtures.json does for the socket. */
class PlaintextVectorsTest {
    private static final String ID = "AAECAwQFBgcICQoLDA0ODw";
    private static final String ID2 = "EBESExQVFhcYGRobHB0eHw";
    private static final String K32 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    private static final String PHOTO = "\"type\":\"photo\",\"id\":\"" + ID + "\",\"sentAt\":1796083200000,\"blob\":\"" + ID2
            + "\",\"key\":\"" + K32 + "\",\"chunks\":2,\"bytes\":40000,\"sha256\":\"" + K32 + "\",\"width\":1600,\"height\":1200";

    static final String[][] VALID = {
        {"text", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1796083200000,\"body\":\"Bonjour Mamie 💐\"}"},
        {"text, fields in another order", "{\"body\":\"À jeudi\",\"sentAt\":0,\"id\":\"" + ID + "\",\"type\":\"text\"}"},
        {"text of 4,000 UTF-16 units", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1,\"body\":\"" + "é".repeat(4000) + "\"}"},
        {"photo with a caption", "{" + PHOTO + ",\"caption\":\"La mer à Étretat\"}"},
        {"photo without a caption", "{" + PHOTO + "}"},
        {"read", "{\"type\":\"read\",\"ids\":[\"" + ID + "\",\"" + ID2 + "\"]}"},
        {"roster", "{\"type\":\"roster\",\"devices\":[\"" + ID + "\",\"" + ID2 + "\"]}"},
        {"empty roster", "{\"type\":\"roster\",\"devices\":[]}"},
        {"roster of 20 devices", "{\"type\":\"roster\",\"devices\":[" + devices(20) + "]}"},
    };

    static final String[][] INVALID = {
        {"not JSON", "bonjour"},
        {"an array", "[]"},
        {"two objects", "{\"type\":\"roster\",\"devices\":[]}{}"},
        {"no type", "{\"id\":\"" + ID + "\"}"},
        {"unknown type", "{\"type\":\"poke\"}"},
        {"unknown field", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1,\"body\":\"x\",\"to\":\"Léa\"}"},
        {"repeated field", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1,\"body\":\"x\",\"body\":\"y\"}"},
        {"missing body", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1}"},
        {"empty body", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1,\"body\":\"\"}"},
        {"body of 4,001 units", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1,\"body\":\"" + "a".repeat(4001) + "\"}"},
        {"body with a lone surrogate", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1,\"body\":\"\\ud83d\"}"},
        {"sentAt a string", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":\"1\",\"body\":\"x\"}"},
        {"sentAt a fraction", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1.5,\"body\":\"x\"}"},
        {"sentAt negative", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":-1,\"body\":\"x\"}"},
        {"sentAt beyond 2^53 - 1", "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":9007199254740992,\"body\":\"x\"}"},
        {"id of 15 bytes", "{\"type\":\"text\",\"id\":\"AAECAwQFBgcICQoLDA0O\",\"sentAt\":1,\"body\":\"x\"}"},
        {"id with padding", "{\"type\":\"text\",\"id\":\"AAECAwQFBgcICQoLDA0ODw==\",\"sentAt\":1,\"body\":\"x\"}"},
        {"id not canonical (unused bits set)", "{\"type\":\"text\",\"id\":\"AAECAwQFBgcICQoLDA0ODx\",\"sentAt\":1,\"body\":\"x\"}"},
        {"id in standard base64", "{\"type\":\"text\",\"id\":\"AAECAwQFBgcICQoLDA0+Dw\",\"sentAt\":1,\"body\":\"x\"}"},
        {"photo with chunks not matching its bytes", "{" + PHOTO.replace("\"chunks\":2", "\"chunks\":1") + "}"},
        {"photo of 65 chunks", "{" + PHOTO.replace("\"chunks\":2", "\"chunks\":65") + "}"},
        {"photo wider than 1600", "{" + PHOTO.replace("\"width\":1600", "\"width\":1601") + "}"},
        {"photo caption of 501 units", "{" + PHOTO + ",\"caption\":\"" + "a".repeat(501) + "\"}"},
        {"photo with an empty caption", "{" + PHOTO + ",\"caption\":\"\"}"},
        {"read of no id", "{\"type\":\"read\",\"ids\":[]}"},
        {"read of the same id twice", "{\"type\":\"read\",\"ids\":[\"" + ID + "\",\"" + ID + "\"]}"},
        {"roster of a number", "{\"type\":\"roster\",\"devices\":[1]}"},
        {"roster of 21 devices", "{\"type\":\"roster\",\"devices\":[" + devices(21) + "]}"},
    };

    /** {@code n} distinct device ids, quoted and separated by commas: 16 bytes of value i each. */
    static String devices(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[16];
            java.util.Arrays.fill(id, (byte) i);
            s.append(i == 0 ? "" : ",").append('"').append(VectorFile.b64(id)).append('"');
        }
        return s.toString();
    }

    @Test
    void plaintextFileHoldsTheValidAndInvalidInnerMessages() throws Exception {
        ObjectNode root = VectorFile.root("The inner plaintext (docs/e2ee.md \"Plaintext\"; 'roster' as settled for "
                + "family-to-family trust). 'text' is the UTF-8 JSON before padding; each valid one decodes, each invalid "
                + "one is refused with its code; 'encoded' is the reference's canonical form of a valid one (either form may be sent).");
        root.put("inputs", "hand-written cases");
        ArrayNode valid = root.putArray("valid");
        for (String[] c : VALID) {
            byte[] encoded = PlaintextCodec.encode(PlaintextCodec.decode(c[1].getBytes(StandardCharsets.UTF_8)));
            valid.addObject().put("name", c[0]).put("text", c[1]).put("encoded", new String(encoded, StandardCharsets.UTF_8));
        }
        ArrayNode invalid = root.putArray("invalid");
        for (String[] c : INVALID) {
            String code = VectorFile.outcome(() -> PlaintextCodec.decode(c[1].getBytes(StandardCharsets.UTF_8)));
            assertEquals(PlaintextException.MALFORMED, code, c[0]);
            invalid.addObject().put("name", c[0]).put("text", c[1]).put("code", code);
        }
        invalid.addObject().put("name", "not UTF-8 (bytes 7b c3 7d)").put("bytes", "e8N9").put("code",
                VectorFile.outcome(() -> PlaintextCodec.decode(new byte[] {0x7b, (byte) 0xc3, 0x7d})));
        VectorFile.check("plaintext.json", root);
    }
}
