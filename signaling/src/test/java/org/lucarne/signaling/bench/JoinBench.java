package org.lucarne.signaling.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lucarne.signaling.call.CallPages;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.testing.Chromium;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Percentiles;

/**
 * Join-to-first-frame: from a family member's click on "Join" to the first remote video frame on
 * their page, through the whole of Lucarne (the focus, the embedded bridge, the real pages), beside
 * a direct peer-to-peer call between two Chromium pages (the baseline), run after run in the same
 * process so that both see the same machine.
 *
 * <p>The patient is already in the call (the kiosk answered once), as when a second family member
 * comes in; each Lucarne run is a fresh page whose camera is already on (its device check is done),
 * which then leaves. Each P2P run is a fresh pair of pages with their cameras on; the offer and
 * answer go through this process, as Lucarne's go through the server.
 *
 * <pre>./lucarne bench join [--runs 20] [--warmup 3]</pre>
 */
public final class JoinBench {
    /** Installed before the click: the time of the first frame any remote video presents. */
    private static final String WATCH_FIRST_FRAME = """
            () => {
              window.__firstFrame = null;
              const seen = new WeakSet();
              const mark = () => { if (window.__firstFrame === null) window.__firstFrame = performance.now(); };
              const watch = (v) => {
                if (seen.has(v)) return;
                seen.add(v);
                if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(mark);
                v.addEventListener('loadeddata', mark, { once: true });
              };
              const scan = () => document.querySelectorAll('video.call-tile__video, video.remote').forEach(watch);
              new MutationObserver(scan).observe(document.body, { subtree: true, childList: true });
              scan();
            }
            """;

    /** The baseline's page side: a camera, a peer connection, offers and answers with candidates inside. */
    private static final String P2P_PAGE = """
            async () => {
              window.__stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
              const gathered = (pc) => new Promise((resolve) => {
                if (pc.iceGatheringState === 'complete') return resolve();
                pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
              });
              window.__p2p = {
                start() {
                  const pc = new RTCPeerConnection();
                  window.__pc = pc;
                  window.__stream.getTracks().forEach((t) => pc.addTrack(t, window.__stream));
                  pc.ontrack = (e) => {
                    if (e.track.kind !== 'video' || document.querySelector('video.remote')) return;
                    const v = document.createElement('video');
                    v.className = 'remote'; v.muted = true; v.autoplay = true; v.playsInline = true;
                    v.srcObject = e.streams[0];
                    document.body.appendChild(v);
                  };
                  return pc;
                },
                async offer() {
                  const pc = this.start();
                  await pc.setLocalDescription(await pc.createOffer());
                  await gathered(pc);
                  return pc.localDescription.sdp;
                },
                async answer(sdp) {
                  const pc = this.start();
                  await pc.setRemoteDescription({ type: 'offer', sdp });
                  await pc.setLocalDescription(await pc.createAnswer());
                  await gathered(pc);
                  return pc.localDescription.sdp;
                },
                async accept(sdp) { await window.__pc.setRemoteDescription({ type: 'answer', sdp }); },
              };
            }
            """;

    private JoinBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = intOption(args, "--runs", 20);
        int warmup = intOption(args, "--warmup", 3);
        Path dir = Files.createTempDirectory("lucarne-join-bench-");
        try (TestServer server = TestServer.start(Map.of());
             Chromium chromium = Chromium.launchTrusting(server.caCertificate());
             CallPages pages = new CallPages(server, chromium)) {
            DemoVisit visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), Clock.systemUTC());
            Page kiosk = pages.kiosk(visit, dir);
            String link = visit.familyLink(server.origin());
            Page first = pages.family(link);
            first.click("#join-call");
            kiosk.waitForSelector("body[data-kiosk-screen=\"incoming\"]",
                    new Page.WaitForSelectorOptions().setTimeout(CallPages.TIMEOUT_MS));
            kiosk.click("#kiosk-answer");
            CallPages.waitForCallState(first, "in-call");
            leave(first);

            List<Long> lucarne = new ArrayList<>();
            List<Long> p2p = new ArrayList<>();
            for (int i = 0; i < warmup + runs; i++) {
                long l = lucarneRun(chromium, link);
                long p = p2pRun(chromium, server.origin());
                if (i >= warmup) {
                    lucarne.add(l);
                    p2p.add(p);
                }
                System.out.printf(Locale.ROOT, "%s run %d: Lucarne %d ms, P2P %d ms%n",
                        i < warmup ? "warm-up" : "measured", i + 1, l, p);
            }
            report(lucarne, p2p);
        }
    }

    /** A fresh family page with its camera on: click Join, wait for the patient's first frame, leave. */
    private static long lucarneRun(Chromium chromium, String link) {
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB"))) {
            Page page = context.newPage();
            page.navigate(link);
            page.waitForSelector("#join-call:enabled", new Page.WaitForSelectorOptions().setTimeout(CallPages.TIMEOUT_MS));
            page.evaluate(WATCH_FIRST_FRAME);
            double t0 = ((Number) page.evaluate("() => { const t = performance.now();"
                    + " document.querySelector('#join-call').click(); return t; }")).doubleValue();
            double t1 = firstFrame(page);
            leave(page);
            return Math.round(t1 - t0);
        }
    }

    /** Two fresh pages with their cameras on: offer, answer, and the offerer's first frame of the other. */
    private static long p2pRun(Chromium chromium, String origin) {
        try (BrowserContext a = chromium.browser().newContext();
             BrowserContext b = chromium.browser().newContext()) {
            Page caller = a.newPage();
            Page callee = b.newPage();
            for (Page p : List.of(caller, callee)) {
                p.navigate(origin + "/staff");
                p.evaluate(P2P_PAGE);
            }
            caller.evaluate(WATCH_FIRST_FRAME);
            double t0 = ((Number) caller.evaluate("() => performance.now()")).doubleValue();
            String offer = (String) caller.evaluate("() => window.__p2p.offer()");
            String answer = (String) callee.evaluate("sdp => window.__p2p.answer(sdp)", offer);
            caller.evaluate("sdp => window.__p2p.accept(sdp)", answer);
            double t1 = firstFrame(caller);
            return Math.round(t1 - t0);
        }
    }

    private static double firstFrame(Page page) {
        page.waitForFunction("() => window.__firstFrame !== null", null,
                new Page.WaitForFunctionOptions().setTimeout(CallPages.TIMEOUT_MS).setPollingInterval(5));
        return ((Number) page.evaluate("() => window.__firstFrame")).doubleValue();
    }

    private static void leave(Page page) {
        page.click("#call-leave");
        CallPages.waitForCallState(page, "ended");
    }

    private static void report(List<Long> lucarne, List<Long> p2p) {
        Percentiles l = Percentiles.of(lucarne.stream().mapToLong(Long::longValue).toArray());
        Percentiles p = Percentiles.of(p2p.stream().mapToLong(Long::longValue).toArray());
        System.out.printf(Locale.ROOT, "%nJoin to first frame, %d runs each (ms)%n", l.count());
        System.out.printf(Locale.ROOT, "| | p50 | p95 | min | max |%n|---|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| Lucarne (family joins a call through the focus and the bridge) | %d | %d | %d | %d |%n",
                l.at(50), l.at(95), l.at(0.001), l.at(100));
        System.out.printf(Locale.ROOT, "| P2P baseline (two pages, direct) | %d | %d | %d | %d |%n",
                p.at(50), p.at(95), p.at(0.001), p.at(100));
        System.out.printf(Locale.ROOT, "| ratio | %.2f× | %.2f× | | |%n",
                (double) l.at(50) / Math.max(1, p.at(50)), (double) l.at(95) / Math.max(1, p.at(95)));
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                int v = Integer.parseInt(args[i + 1]);
                if (v < 0 || v > 1000) {
                    throw new IllegalArgumentException(name + " must be 0 to 1000, not " + v);
                }
                return v;
            }
        }
        return fallback;
    }
}
