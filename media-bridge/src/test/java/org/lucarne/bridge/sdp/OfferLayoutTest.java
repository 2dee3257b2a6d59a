package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.bridge.sdp.SdpFixtures.all;
import static org.lucarne.bridge.sdp.SdpFixtures.remote;

/** Which m-section carries which remote source, across joins and leaves. */
class OfferLayoutTest {

    @Test
    void startsWithTheEndpointsOwnAudioAndVideoOnly() {
        assertEquals("0:audio recvonly, 1:video recvonly", OfferLayout.initial().toString());
    }

    @Test
    void givesEachRemoteSourceAnMSectionOfItsOwn() {
        OfferLayout layout = OfferLayout.initial().next(all(remote("b", 100), remote("c", 200)));

        assertEquals("0:audio recvonly, 1:video recvonly, 2:audio sendonly b b-a0, 3:video sendonly b b-v0,"
                + " 4:audio sendonly c c-a0, 5:video sendonly c c-v0", layout.toString());
    }

    @Test
    void aSourceThatLeftLeavesItsMSectionsInactive() {
        OfferLayout layout = OfferLayout.initial().next(all(remote("b", 100), remote("c", 200))).next(remote("c", 200));

        assertEquals("0:audio recvonly, 1:video recvonly, 2:audio inactive, 3:video inactive,"
                + " 4:audio sendonly c c-a0, 5:video sendonly c c-v0", layout.toString());
    }

    @Test
    void aNewSourceReusesTheFirstFreeMSectionOfItsType() {
        OfferLayout layout = OfferLayout.initial().next(all(remote("b", 100), remote("c", 200))).next(remote("c", 200))
                .next(all(remote("c", 200), remote("d", 300)));

        assertEquals("0:audio recvonly, 1:video recvonly, 2:audio sendonly d d-a0, 3:video sendonly d d-v0,"
                + " 4:audio sendonly c c-a0, 5:video sendonly c c-v0", layout.toString());
    }

    @Test
    void aSourceKeepsItsMSectionWhenOthersComeAndGo() {
        OfferLayout first = OfferLayout.initial().next(all(remote("b", 100), remote("c", 200)));
        OfferLayout later = first.next(all(remote("d", 300), remote("c", 200)));

        assertEquals(first.sections().get(4), later.sections().get(4));
        assertEquals(first.sections().get(5), later.sections().get(5));
    }

    @Test
    void anAudioOnlyEndpointTakesOnlyAnAudioMSection() {
        OfferLayout layout = OfferLayout.initial().next(remote("b", 100)).next(List.of(remote("c", 200).get(0)));

        assertEquals("0:audio recvonly, 1:video recvonly, 2:audio sendonly c c-a0, 3:video inactive", layout.toString());
    }

    @Test
    void mSectionsAreNeverRemovedNorRenumbered() {
        OfferLayout layout = OfferLayout.initial().next(all(remote("b", 100), remote("c", 200))).next(List.of());

        assertEquals(List.of("0", "1", "2", "3", "4", "5"), layout.sections().stream().map(OfferLayout.MSection::mid).toList());
        assertTrue(layout.sections().stream().skip(2).allMatch(m -> m.direction().equals("inactive")));
    }

    @Test
    void refusesTheSameSourceTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfferLayout.initial().next(all(remote("b", 100), remote("b", 300))));
        assertEquals("source b b-a0 is given twice", e.getMessage());
    }

    @Test
    void refusesTwoSourcesSharingAnSsrc() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfferLayout.initial().next(all(remote("b", 100), remote("c", 102))));
        assertTrue(e.getMessage().startsWith("SSRC 102 of source c c-a0 is another source's too"), e.getMessage());
    }

    @Test
    void refusesMoreMSectionsThanTheCap() {
        List<RemoteSource> many = new ArrayList<>();
        for (int i = 0; i < OfferLayout.MAX_M_SECTIONS - 1; i++) {
            many.add(new RemoteSource("e" + i, new MediaSource(MediaType.AUDIO, "e" + i + "-a0", List.of(Source.of(i)), List.of())));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfferLayout.initial().next(many));
        assertEquals("an offer with 63 remote sources needs more than 64 m-sections", e.getMessage());
    }

    @Test
    void refusesASourceWhoseNameWouldBreakAnSdpLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RemoteSource("b\r\na=x",
                new MediaSource(MediaType.AUDIO, "a0", List.of(Source.of(1)), List.of())));
        assertTrue(e.getMessage().contains("cannot go into SDP"), e.getMessage());
    }

    @Test
    void refusesAnMsidThatIsNotStreamAndTrack() {
        MediaSource source = new MediaSource(MediaType.AUDIO, "b-a0",
                List.of(new Source(1, null, null, null, java.util.Map.of("msid", "one two three"))), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RemoteSource("b", source));
        assertTrue(e.getMessage().contains("not \"<stream id> <track id>\""), e.getMessage());
    }
}
