package org.lucarne.signaling.call.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BridgeAnswersTest {
    @Test
    void readsLucarnesBridgeError() {
        assertEquals("Unknown endpoint x", BridgeAnswers.errorMessage("application/json", "{\"error\": \"Unknown endpoint x\"}"));
    }

    @Test
    void readsJettysJsonErrorPage() {
        assertEquals("Failed to create conference: Conference already exists for meeting-id "
                + JvbDocuments.MEETING_ID, BridgeAnswers.errorMessage("application/json",
                JvbDocuments.text("errors/bad-request.json")));
    }

    @Test
    void readsJettysTextErrorPage() {
        assertEquals("Not Found", BridgeAnswers.errorMessage("text/plain", JvbDocuments.text("errors/not-found.txt")));
    }

    @Test
    void readsTheTitleOfAProxysHtmlPage() {
        assertEquals("503 Service Temporarily Unavailable",
                BridgeAnswers.errorMessage("text/html", JvbDocuments.text("errors/service-unavailable.html")));
    }

    @Test
    void readsJettysHtmlErrorHeading() {
        assertEquals("HTTP ERROR 400 Failed to parse ConferenceModify JSON: <x>",
                BridgeAnswers.errorMessage("text/html;charset=iso-8859-1", "<html><head><title>Error</title></head><body>"
                        + "<h2>HTTP ERROR 400 Failed to parse ConferenceModify JSON: &lt;x&gt;</h2></body></html>"));
    }

    @Test
    void anEmptyBodySaysNothing() {
        assertNull(BridgeAnswers.errorMessage(null, ""));
        assertNull(BridgeAnswers.errorMessage("text/plain", " \r\n "));
    }

    @Test
    void controlCharactersAreBlankedAndLongMessagesCut() {
        String message = BridgeAnswers.errorMessage("text/plain", "bad\u0000\u001b[31m thing\t" + "x".repeat(1_000));

        assertTrue(message.startsWith("bad [31m thing"), message);
        assertEquals(BridgeAnswers.MAX_MESSAGE + 1, message.length());
        assertTrue(message.endsWith("…"));
    }

    @Test
    void statsNeedAWholeConferenceCount() throws Exception {
        assertEquals(new BridgeStats(3, 7), BridgeAnswers.stats(JvbDocuments.text("responses/stats.json")));
        assertEquals(new BridgeStats(0, -1), BridgeAnswers.stats("{\"conferences\": 0}"));
        assertRefused("{}", "no \"conferences\"");
        assertRefused("{\"conferences\": 2.5}", "not a whole number");
        assertRefused("{\"conferences\": -1}", "not a whole number");
        assertRefused("{\"conferences\": 1, \"conferences\": 2}", "not valid JSON");
        assertRefused("[1]", "not a JSON object");
        assertRefused("{\"conferences\": 1} {}", "content after");
        assertRefused("", "empty");
    }

    private static void assertRefused(String body, String expected) {
        BridgeAnswers.InvalidAnswer e = assertThrows(BridgeAnswers.InvalidAnswer.class, () -> BridgeAnswers.stats(body));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
