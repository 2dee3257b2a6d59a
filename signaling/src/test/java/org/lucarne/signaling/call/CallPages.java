package org.lucarne.signaling.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ClientCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.PasswordFile;
import org.lucarne.certs.TabletKeystore;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.testing.Chromium;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.visit.Visits;

/**
 * The real apps of a visit in Chromium, driven through their DOM contracts (web-client/README.md,
 * bedside-kiosk/README.md): the kiosk with the tablet's certificate, family pages from their links,
 * and what each page receives, read from its peer connections' stats.
 */
public final class CallPages implements AutoCloseable {
    public static final int TIMEOUT_MS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keeps every RTCPeerConnection a page makes, so a test can read its stats. */
    private static final String KEEP_PEER_CONNECTIONS = """
            (() => {
              const Native = window.RTCPeerConnection;
              if (!Native) return;
              window.__lucarnePcs = [];
              const Kept = function (...args) {
                const pc = new Native(...args);
                window.__lucarnePcs.push(pc);
                return pc;
              };
              Kept.prototype = Native.prototype;
              Object.setPrototypeOf(Kept, Native);
              window.RTCPeerConnection = Kept;
            })();
            """;

    /** The selected ICE candidate pair of the page's live peer connection, as its local candidate says. */
    private static final String SELECTED_PAIR = """
            async () => {
              const pcs = (window.__lucarnePcs || []).filter((pc) => pc.connectionState === 'connected');
              if (pcs.length === 0) return null;
              const stats = [...(await pcs[pcs.length - 1].getStats()).values()];
              const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
              const pair = transport && stats.find((s) => s.id === transport.selectedCandidatePairId);
              const local = pair && stats.find((s) => s.id === pair.localCandidateId);
              if (!local) return null;
              return JSON.stringify({ address: local.address || '', protocol: local.protocol || '',
                candidateType: local.candidateType || '', relayProtocol: local.relayProtocol || '' });
            }
            """;

    /** Per remote tile: its participant, frames decoded and audio received on the tracks it shows. */
    private static final String RECEIVED = """
            async () => {
              const out = [];
              const pcs = (window.__lucarnePcs || []).filter((pc) => pc.connectionState !== 'closed');
              for (const tile of document.querySelectorAll('.call-tile[data-participant]')) {
                const r = { participant: tile.dataset.participant, name: tile.dataset.name || '',
                  framesDecoded: 0, packetsReceived: 0, audioLevel: 0, frameHeight: 0,
                  concealedSamples: 0, totalSamplesReceived: 0 };
                const tracks = [];
                for (const media of tile.querySelectorAll('video, audio')) {
                  if (media.srcObject) tracks.push(...media.srcObject.getTracks());
                }
                for (const pc of pcs) {
                  for (const receiver of pc.getReceivers()) {
                    if (!tracks.includes(receiver.track)) continue;
                    (await receiver.getStats()).forEach((s) => {
                      if (s.type !== 'inbound-rtp') return;
                      if (s.kind === 'video') {
                        r.framesDecoded += s.framesDecoded || 0;
                        r.frameHeight = Math.max(r.frameHeight, s.frameHeight || 0);
                      }
                      if (s.kind === 'audio') {
                        r.packetsReceived += s.packetsReceived || 0;
                        r.audioLevel = Math.max(r.audioLevel, s.audioLevel || 0);
                        r.concealedSamples += s.concealedSamples || 0;
                        r.totalSamplesReceived += s.totalSamplesReceived || 0;
                      }
                    });
                  }
                }
                out.push(r);
              }
              return JSON.stringify(out);
            }
            """;

    /**
     * What a page receives from one other participant: video frames decoded and the height of the
     * last, audio packets, level, and samples received and concealed (webrtc-stats inbound-rtp).
     */
    public record Received(String participant, String name, long framesDecoded, long packetsReceived, double audioLevel,
            long frameHeight, long concealedSamples, long totalSamplesReceived) {
        boolean seesAndHears() {
            return framesDecoded > 0 && packetsReceived > 0 && audioLevel > 0;
        }
    }

    private final TestServer server;
    private final Chromium chromium;
    private final List<BrowserContext> contexts = new ArrayList<>();

    public CallPages(TestServer server, Chromium chromium) {
        this.server = server;
        this.chromium = chromium;
    }

    /** The kiosk page as the visit's tablet, waiting on its idle screen. */
    public Page kiosk(DemoVisit visit, Path keystoreDir) {
        return kiosk(visit.tabletId(), keystoreDir);
    }

    /** The kiosk page as the tablet {@code tabletId} (its certificate issued by the server's CA), on its idle screen. */
    public Page kiosk(String tabletId, Path keystoreDir) {
        TabletKeystore keystore = TabletKeystore.ensure(
                new CaDirectory(server.dataDir().resolve("tls")).load(Clock.systemUTC()), keystoreDir,
                tabletId, Clock.systemUTC());
        String origin = server.server().kioskOrigin();
        BrowserContext context = context(new Browser.NewContextOptions()
                .setClientCertificates(List.of(new ClientCertificate(origin).setPfxPath(keystore.keystore())
                        .setPassphrase(new String(PasswordFile.read(keystore.passwordFile()))))));
        Page page = context.newPage();
        page.navigate(origin + "/kiosk");
        page.waitForSelector("#connection[data-state=\"connected\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        return page;
    }

    /** A family page from its link, device check done, not joined yet. */
    public Page family(String link) {
        Page page = context(new Browser.NewContextOptions()).newPage();
        page.navigate(link);
        page.waitForSelector("#join-call:enabled", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        return page;
    }

    /** A family page from its link whose binding settled as {@code link} (body[data-link]: bound, waiting…). */
    public Page familyWith(String link, String state) {
        Page page = context(new Browser.NewContextOptions()).newPage();
        page.navigate(link);
        page.waitForSelector("body[data-link=\"" + state + "\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        return page;
    }

    /** A blank page in a browser of its own, for a test that listens to it before it opens a family link. */
    public Page blankFamilyPage() {
        return context(new Browser.NewContextOptions()).newPage();
    }

    /**
     * The staff console at {@code /staff} on its sign-in screen, on a 1024-px ward PC in the hospital's
     * time zone, its peer connections kept like every page here.
     */
    public Page staffConsole() {
        Page page = context(new Browser.NewContextOptions().setViewportSize(1024, 768)
                .setTimezoneId(server.server().config().staff().timeZone().getId())).newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        page.navigate(server.url("/staff"));
        page.waitForSelector("body[data-screen=\"sign-in\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        return page;
    }

    private BrowserContext context(Browser.NewContextOptions options) {
        BrowserContext context = chromium.browser().newContext(options.setLocale("en-GB"));
        context.addInitScript(KEEP_PEER_CONNECTIONS);
        contexts.add(context);
        return context;
    }

    /** The family page asks to join, the tablet rings and the patient answers: the family is in the call. */
    public static void familyCallsTabletAnswers(Page kiosk, Page family) {
        family.click("#join-call");
        kiosk.waitForSelector("body[data-kiosk-screen=\"incoming\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        kiosk.click("#kiosk-answer");
        waitForCallState(family, "in-call");
    }

    public static void waitForCallState(Page page, String state) {
        page.waitForSelector("body[data-call-state=\"" + state + "\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
    }

    /** What the page receives from each participant on its screen now. */
    public static List<Received> received(Page page) {
        try {
            List<Received> list = new ArrayList<>();
            for (JsonNode n : JSON.readTree((String) page.evaluate(RECEIVED))) {
                list.add(new Received(n.get("participant").asText(), n.get("name").asText(),
                        n.get("framesDecoded").asLong(), n.get("packetsReceived").asLong(),
                        n.get("audioLevel").asDouble(), n.get("frameHeight").asLong(),
                        n.get("concealedSamples").asLong(), n.get("totalSamplesReceived").asLong()));
            }
            return list;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until the page sees and hears exactly {@code count} others, each with frames decoded and
     * audio with a level (the fake microphone beeps, so a level is caught between beeps too);
     * fails with what it received last.
     */
    public static List<Received> awaitSeesAndHears(Page page, int count, long timeoutMs) {
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        List<Received> last = List.of();
        double[] levels = new double[0];
        while (System.nanoTime() < end) {
            last = received(page);
            if (levels.length != last.size()) {
                levels = new double[last.size()];
            }
            boolean all = last.size() == count;
            for (int i = 0; i < last.size(); i++) {
                Received r = last.get(i);
                levels[i] = Math.max(levels[i], r.audioLevel());
                all &= r.framesDecoded() > 0 && r.packetsReceived() > 0 && levels[i] > 0;
            }
            if (all) {
                return last;
            }
            page.waitForTimeout(200);
        }
        throw new AssertionError("the page did not see and hear " + count + " others within " + timeoutMs
                + " ms; it received " + last);
    }

    /** The local side of the page's selected candidate pair now; null while no peer connection is connected. */
    public static SelectedPair selectedPair(Page page) {
        Object json = page.evaluate(SELECTED_PAIR);
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree((String) json);
            return new SelectedPair(n.get("address").asText(), n.get("protocol").asText(),
                    n.get("candidateType").asText(), n.get("relayProtocol").asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The local candidate a page's media goes through: its {@code address}, {@code protocol}
     * ({@code udp}, {@code tcp}), {@code candidateType} ({@code host}, {@code relay}…) and, for a relay,
     * how it reaches the TURN server ({@code relayProtocol}: {@code udp}, {@code tcp}, {@code tls}).
     */
    public record SelectedPair(String address, String protocol, String candidateType, String relayProtocol) {
    }

    /** The frames decoded from {@code participant} now, or -1 if the page does not show them. */
    public static long framesFrom(Page page, String participant) {
        return received(page).stream().filter(r -> r.participant().equals(participant))
                .mapToLong(Received::framesDecoded).findFirst().orElse(-1);
    }

    /** A second family contact of the visit's patient, with an invite to the visit: their link. */
    public static String secondFamilyLink(TestServer server, DemoVisit visit, String name) {
        String contactId = "contact-" + Long.toHexString(System.nanoTime());
        server.server().database().inTransaction(c -> {
            SealedRows.contact(c, server.server().personalData(), contactId, visit.patientId(), name,
                    System.currentTimeMillis());
            return null;
        });
        Invite invite = new Invites(server.server().database(), Clock.systemUTC())
                .create(contactId, Instant.now().minusSeconds(60), visit.visitEnd());
        new Visits(server.server().database(), Clock.systemUTC()).attachInvite(visit.visitId(), invite.id());
        return Invite.link(server.origin(), invite.id(), invite.secret());
    }

    @Override
    public void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }
}
