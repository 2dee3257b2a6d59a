package org.lucarne.bridge.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.bridge.browser.CallPage;
import org.lucarne.bridge.browser.ReceiveTotals;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.net.LabNamespace;
import org.lucarne.testing.net.LinkShape;
import org.lucarne.testing.net.NetLab;

/**
 * The ramp-up benchmark's shaped-link part: page b (a family member) in a network namespace whose
 * link loses 3 % of packets each way and adds 100 ms each way (200 ms round trip), page a (the
 * patient) in the root namespace; a direct call and a call through a bridge whose UDP port is on
 * the lab link's root address. After the call has settled, what each page receives over a window:
 * the share of audio samples concealed, the video frame rate and the largest frame size.
 */
final class ShapedLinkBench {
    static final LinkShape SHAPE = new LinkShape(0, Duration.ofMillis(100), 3);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration WINDOW = Duration.ofSeconds(15);

    /** What one page received over the window. */
    record Reception(double concealedShare, double framesPerSecond, String frameSize) {
        static Reception between(ReceiveTotals from, ReceiveTotals to) {
            long samples = to.totalSamplesReceived() - from.totalSamplesReceived();
            double seconds = (to.epochMs() - from.epochMs()) / 1000;
            return new Reception(samples <= 0 ? 1 : (double) (to.concealedSamples() - from.concealedSamples()) / samples,
                    (to.framesDecoded() - from.framesDecoded()) / seconds, to.frameWidth() + "×" + to.frameHeight());
        }
    }

    /**
     * Both directions of one call: what the shaped page b received, what a received from it, and
     * the loss of a's audio as a's browser was told (by b, or by the bridge on b's behalf).
     */
    record Outcome(Reception shapedReceives, Reception otherReceives, double audioLossToldToA) {
    }

    private ShapedLinkBench() {
    }

    /** Runs {@code runs} pairs of calls; prints a Markdown table; says why when it cannot run. */
    static void run(int runs, Path camera, Chromium rootSide) throws Exception {
        if (!NetLab.isRoot()) {
            System.out.println("\nShaped link (3 % loss, 200 ms RTT): skipped, the network lab needs root.");
            return;
        }
        List<Outcome> p2p = new ArrayList<>();
        List<Outcome> bridged = new ArrayList<>();
        try (NetLab lab = NetLab.open()) {
            LabNamespace family = lab.namespace();
            family.shape(SHAPE);
            BridgeConfig config = new BridgeConfig("127.0.0.1", 0, family.rootAddress(), 0, Optional.empty(),
                    Duration.ofSeconds(60), Optional.empty());
            try (MediaBridge bridge = MediaBridge.create(config, Clock.systemUTC()).start();
                 Chromium shaped = Chromium.launch(new Chromium.Launch().executable(family.chromiumExecutable())
                         .flag("--use-file-for-fake-video-capture=" + camera))) {
                HttpClient http = HttpClient.newHttpClient();
                for (int run = 1; run <= runs; run++) {
                    p2p.add(log("p2p", run, TwoPageCalls.direct(rootSide.browser(), shaped.browser(),
                            ShapedLinkBench::measure)));
                    bridged.add(log("bridge", run, TwoPageCalls.throughBridge(rootSide.browser(), shaped.browser(),
                            bridge, http, ShapedLinkBench::measure)));
                }
            }
        }
        System.out.println("\nShaped link: the family page behind 3 % loss each way and 200 ms RTT (medians over "
                + runs + " runs; each run " + SETTLE.toSeconds() + " s to settle, then a " + WINDOW.toSeconds()
                + " s window)\n");
        System.out.println("| call | family receives: audio concealed | fps | size | patient receives: audio concealed | fps | size |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("direct (P2P)", p2p);
        row("through the bridge", bridged);
    }

    private static Outcome measure(CallPage a, CallPage b) throws InterruptedException {
        Thread.sleep(SETTLE.toMillis()); // the call settles: a fixed part of the measurement, not a wait for a state
        ReceiveTotals b0 = b.receiveTotals();
        ReceiveTotals a0 = a.receiveTotals();
        Thread.sleep(WINDOW.toMillis()); // the measured window
        return new Outcome(Reception.between(b0, b.receiveTotals()), Reception.between(a0, a.receiveTotals()),
                a.sendStats().audioFractionLost());
    }

    private static Outcome log(String what, int run, Outcome o) {
        System.err.printf(Locale.ROOT, "shaped run %d %-6s family receives %s; patient receives %s; the patient's"
                + " audio loss as reported to it %.1f %%%n", run, what, text(o.shapedReceives()), text(o.otherReceives()),
                o.audioLossToldToA() * 100);
        return o;
    }

    private static String text(Reception r) {
        return String.format(Locale.ROOT, "%.1f %% concealed, %.1f fps, %s", r.concealedShare() * 100,
                r.framesPerSecond(), r.frameSize());
    }

    private static void row(String name, List<Outcome> outcomes) {
        Reception b = median(outcomes.stream().map(Outcome::shapedReceives).toList());
        Reception a = median(outcomes.stream().map(Outcome::otherReceives).toList());
        System.out.printf(Locale.ROOT, "| %s | %.1f %% | %.1f | %s | %.1f %% | %.1f | %s |%n", name,
                b.concealedShare() * 100, b.framesPerSecond(), b.frameSize(), a.concealedShare() * 100,
                a.framesPerSecond(), a.frameSize());
    }

    /** Medians of each figure on its own (the size of the run with the median frame rate). */
    private static Reception median(List<Reception> all) {
        List<Reception> byFps = all.stream().sorted((x, y) -> Double.compare(x.framesPerSecond(), y.framesPerSecond())).toList();
        List<Double> concealed = all.stream().map(Reception::concealedShare).sorted().toList();
        Reception mid = byFps.get((byFps.size() - 1) / 2);
        return new Reception(concealed.get((concealed.size() - 1) / 2), mid.framesPerSecond(), mid.frameSize());
    }
}
