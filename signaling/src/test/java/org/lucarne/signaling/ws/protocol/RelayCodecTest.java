package org.lucarne.signaling.ws.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The relay's messages beyond docs/protocol/fixtures.json: their limits, and what a refusal says. */
class RelayCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private static final String DEVICE = Base64Url.encode(new byte[16]);

    private ProtocolException refused(String text, ErrorCode code) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeFromClient(text));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void anEnvelopeOfExactly40KiBIsTakenAndItsBytesSurvive() throws Exception {
        byte[] envelope = new byte[RelayMessage.MAX_ENVELOPE_BYTES];
        envelope[0] = 1;
        envelope[envelope.length - 1] = (byte) 0xFF;
        var send = new RelayMessage.Send(Base64Url.encode(envelope));
        String frame = codec.encode(send);
        assertTrue(frame.length() < 64 * 1024, "fits a 64 KiB frame: " + frame.length());
        assertEquals(send, codec.decodeFromClient(frame));
    }

    @Test
    void aPhotoChunkFitsA64KiBFrame() {
        var put = new RelayMessage.BlobPut(DEVICE, 63, 64, Base64Url.encode(new byte[RelayMessage.CHUNK_BYTES]));
        assertTrue(codec.encode(put).length() < 64 * 1024);
    }

    @Test
    void aWrongByteFieldSaysHowManyBytesAndHowTheyAreWritten() {
        ProtocolException e = refused("{\"v\":1,\"type\":\"e2ee_bundle_get\",\"device\":\"AAAA\"}", ErrorCode.INVALID_FIELD);
        assertTrue(e.getMessage().contains("'device'") && e.getMessage().contains("16 bytes")
                && e.getMessage().contains("base64url"), e.getMessage());
    }

    @Test
    void anAcknowledgementOfMoreThan100SeqsNamesTheLimit() {
        String seqs = IntStream.rangeClosed(1, 101).mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElseThrow();
        ProtocolException e = refused("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[" + seqs + "]}", ErrorCode.INVALID_FIELD);
        assertTrue(e.getMessage().contains("1 to 100"), e.getMessage());
    }

    @Test
    void aSeqBeyondWhatALongHoldsIsInvalidNotAFailure() {
        refused("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[99999999999999999999999]}", ErrorCode.INVALID_FIELD);
        refused("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[9007199254740992]}", ErrorCode.INVALID_FIELD);
    }

    @Test
    void oneTimePrekeysKeepTheirOrderAndASignedPrekeyMayBeLeftOut() throws Exception {
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> {
            byte[] k = new byte[36];
            k[3] = (byte) (i + 1);
            return Base64Url.encode(k);
        }).toList();
        var m = new RelayMessage.Prekeys(null, keys);
        String frame = codec.encode(m);
        assertTrue(!frame.contains("signedPrekey"), frame);
        assertEquals(m, codec.decodeFromClient(frame));
    }

    @Test
    void aNestedArrayAmongTheSeqsIsInvalid() {
        refused("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[1,[2]]}", ErrorCode.INVALID_FIELD);
        refused("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[1,{\"a\":1,\"a\":2}]}", ErrorCode.DUPLICATE_KEY);
    }

    @Test
    void theNamesOfNextVisitStillRefuseNumbers() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeFromServer(
                "{\"v\":1,\"type\":\"next_visit\",\"ward\":\"W\",\"visit\":\"v1\",\"startsAt\":1,\"names\":[1,2]}"));
        assertEquals(ErrorCode.INVALID_FIELD, e.code());
    }
}
