package org.lucarne.signaling.ws.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The relay's frames come from anyone with a socket: a frame of a relay type, with fields the fuzzer chooses (byte
 * fields of near-valid lengths and alphabets, arrays of numbers), either decodes to a message that survives a round
 * trip or is refused with a {@link ProtocolException}. {@code @FuzzTest} replays its corpus in every build and
 * fuzzes with {@code JAZZER_FUZZ=1}; the seeded test runs 20,000 mutants of the relay's fixtures every build.
 */
class RelayCodecFuzzTest {
    private static final String[] TYPES = {"e2ee_prekeys", "e2ee_prekeys_state", "e2ee_bundle_get", "e2ee_bundle",
            "e2ee_send", "e2ee_sent", "e2ee_deliver", "e2ee_ack", "e2ee_blob_put", "e2ee_blob_stored", "e2ee_blob_get",
            "e2ee_blob_chunk", "e2ee_link_secret"};
    private static final String[] FIELDS = {"signedPrekey", "oneTime", "oneTimeLeft", "handedOut", "device", "identity",
            "envelope", "recipient", "seq", "at", "seqs", "blob", "index", "count", "data", "invite", "contact", "psk",
            "until"};

    @FuzzTest(maxDuration = "60s")
    void anyRelayFrameDecodesOrIsRefusedCleanly(FuzzedDataProvider data) {
        StringBuilder b = new StringBuilder("{\"v\":1,\"type\":\"").append(TYPES[data.consumeInt(0, TYPES.length - 1)])
                .append('"');
        int fields = data.consumeInt(0, 6);
        for (int i = 0; i < fields; i++) {
            b.append(",\"").append(FIELDS[data.consumeInt(0, FIELDS.length - 1)]).append("\":");
            switch (data.consumeInt(0, 3)) {
                case 0 -> b.append('"').append(Base64Url.encode(data.consumeBytes(data.consumeInt(0, 140)))
                        .replace('A', data.consumeBoolean() ? 'A' : '+')).append('"');
                case 1 -> b.append(data.consumeLong());
                case 2 -> {
                    List<String> items = new ArrayList<>();
                    for (int n = data.consumeInt(0, 4); n > 0; n--) {
                        items.add(data.consumeBoolean() ? Long.toString(data.consumeLong())
                                : '"' + Base64Url.encode(data.consumeBytes(36)) + '"');
                    }
                    b.append('[').append(String.join(",", items)).append(']');
                }
                default -> b.append(data.consumeString(20));
            }
        }
        check(b.append('}').toString(), data.consumeBoolean() ? ProtocolCodec.Direction.CLIENT : ProtocolCodec.Direction.SERVER);
    }

    @Test
    void mutantsOfTheRelaysFixturesDecodeOrAreRefusedCleanly() {
        Random random = new Random(20261205);
        List<String> seeds = new ArrayList<>();
        ProtocolFixtures.valid().stream().filter(f -> f.message().get("type").textValue().startsWith("e2ee_"))
                .filter(f -> f.text().length() < 4096).forEach(f -> seeds.add(f.text()));
        String alphabet = "{}[]\":,0123456789-_+/=AQgwazZ \\u";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int e = 1 + random.nextInt(3); e > 0; e--) {
                int at = s.length() == 0 ? 0 : random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (s.length() > 0) s.deleteCharAt(at); }
                    default -> { if (s.length() > 0) s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                }
            }
            check(s.toString(), random.nextBoolean() ? ProtocolCodec.Direction.CLIENT : ProtocolCodec.Direction.SERVER);
        }
    }

    private static void check(String text, ProtocolCodec.Direction direction) {
        ProtocolCodecFuzzTest.check(text, direction); // decodes and survives a round trip, or is refused
    }
}
