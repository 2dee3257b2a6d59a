package org.lucarne.signaling.network;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;
import static org.lucarne.signaling.call.CallPages.waitForCallState;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallPages;
import org.lucarne.testing.net.LinkShape;

/**
 * Three relatives call the patient; Jean is behind a weak link (400 kbit/s, 100 ms each way, so
 * 200 ms round trip, and 3 % loss each way), Léa and Paul are not. With simulcast, the bridge gives
 * Léa and Paul a higher layer of the tablet's camera than Jean, whose link cannot carry it: Jean's
 * weak link no longer lowers what the others see, and his audio stays continuous. The words stay
 * honest: Jean's page says his own connection is weak, the others' say it is Jean's.
 */
class ShapedLinksBrowserIT {
    private static final LinkShape WEAK = new LinkShape(400, Duration.ofMillis(100), 3);
    private static final long SETTLE_MS = 90_000;
    private static final long HOLD_MS = 5_000;
    /** Audio measured once the layers settled: ten seconds at 50 Opus frames a second, 960 samples each. */
    private static final long MEASURED_SAMPLES = 10L * 48_000;
    private static final String JEAN = "Jean Dupont";

    @TempDir
    Path dir;

    @Test
    void theWeakLinkGetsTheLowLayerWithContinuousAudioAndTheOthersKeepAHigherOne() {
        try (LabCall lab = LabCall.start(Map.of(), ns -> ns.shape(WEAK))) {
            Page kiosk = lab.rootPages().kiosk(lab.visit(), dir);
            Page jean = lab.familyPages().family(lab.familyLink());
            Page lea = lab.rootPages().family(CallPages.secondFamilyLink(lab.server(), lab.visit(), "Léa Martin"));
            Page paul = lab.rootPages().family(CallPages.secondFamilyLink(lab.server(), lab.visit(), "Paul Martin"));
            jean.click("#join-call");
            kiosk.waitForSelector("body[data-kiosk-screen=\"incoming\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
            kiosk.click("#kiosk-answer");
            waitForCallState(jean, "in-call");
            lea.click("#join-call");
            paul.click("#join-call");
            waitForCallState(lea, "in-call");
            waitForCallState(paul, "in-call");
            Supplier<String> state = () -> "tablet seen by Jean " + fromTablet(jean) + ", by Léa " + fromTablet(lea)
                    + ", by Paul " + fromTablet(paul);

            BooleanSupplier othersTaller = () -> {
                long j = fromTablet(jean).frameHeight();
                return j > 0 && fromTablet(lea).frameHeight() > j && fromTablet(paul).frameHeight() > j;
            };
            await("Léa and Paul get a taller layer of the tablet's camera than Jean", state, othersTaller);
            // The first seconds of a call overfill a weak link (every sender starts before any
            // receiver's estimate is known) and its queue takes a moment to drain: measure the call
            // once its layers have held for a while.
            awaitHeld("Léa and Paul keep the taller layer for " + HOLD_MS + " ms", state, othersTaller);
            CallPages.Received before = fromTablet(jean);
            await("Jean hears ten more seconds of the tablet", state,
                    () -> fromTablet(jean).totalSamplesReceived() >= before.totalSamplesReceived() + MEASURED_SAMPLES);
            CallPages.Received after = fromTablet(jean);
            long concealed = after.concealedSamples() - before.concealedSamples();
            long total = after.totalSamplesReceived() - before.totalSamplesReceived();
            double ratio = (double) concealed / total;
            System.out.printf("Jean's audio from the tablet behind the weak link: %.2f %% concealed of %d samples; %s%n",
                    100 * ratio, total, state.get());
            assertTrue(ratio < 0.05, "Jean's audio: " + concealed + " of " + total + " samples concealed; " + state.get());
            assertTrue(fromTablet(lea).frameHeight() > fromTablet(jean).frameHeight()
                    && fromTablet(paul).frameHeight() > fromTablet(jean).frameHeight(), "the others kept a taller layer: " + state.get());

            jean.waitForSelector("#call-quality[data-whose=\"self\"][data-quality=\"weak\"], "
                    + "#call-quality[data-whose=\"self\"][data-quality=\"poor\"]", new Page.WaitForSelectorOptions().setTimeout(SETTLE_MS));
            lea.waitForSelector("#call-quality[data-whose=\"other\"]", new Page.WaitForSelectorOptions().setTimeout(SETTLE_MS));
            assertTrue(lea.textContent("#call-quality").contains(JEAN), "Léa reads whose connection is weak: "
                    + lea.textContent("#call-quality"));
            kiosk.waitForSelector(".call-tile[data-name=\"" + JEAN + "\"][data-link]",
                    new Page.WaitForSelectorOptions().setTimeout(SETTLE_MS));
            assertTrue(kiosk.textContent("#kiosk-notice").contains(JEAN), "the patient reads whose connection is weak: "
                    + kiosk.textContent("#kiosk-notice"));
        }
    }

    private static CallPages.Received fromTablet(Page page) {
        return CallPages.received(page).stream().filter(r -> r.name().equals("Marie Dupont")).findFirst()
                .orElseThrow(() -> new AssertionError("the page shows no tile of the patient"));
    }

    /** Waits until {@code condition} has been true at every poll for {@link #HOLD_MS}. */
    private static void awaitHeld(String what, Supplier<String> state, BooleanSupplier condition) {
        long[] since = {System.nanoTime()};
        await(what, state, () -> {
            long now = System.nanoTime();
            if (!condition.getAsBoolean()) {
                since[0] = now;
            }
            return now - since[0] >= HOLD_MS * 1_000_000;
        });
    }

    private static void await(String what, Supplier<String> state, BooleanSupplier condition) {
        long end = System.nanoTime() + SETTLE_MS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("within " + SETTLE_MS + " ms, not true: " + what + "; " + state.get());
            }
            try {
                Thread.sleep(500); // polling interval, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
