package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerNamesTest {

    @Test
    void hostNameComesFirstFollowedByLocalhostAndLoopbackAddresses() {
        ServerNames names = ServerNames.forHost("video.ward7.example");
        assertEquals(List.of("video.ward7.example", "localhost"), names.dnsNames());
        assertEquals(List.of("DNS:video.ward7.example", "DNS:localhost", "IP:127.0.0.1", "IP:::1"), names.describe());
        assertEquals("video.ward7.example", names.commonName());
    }

    @Test
    void ipv4HostBecomesAnIpAddressNotADnsName() throws Exception {
        ServerNames names = ServerNames.forHost("192.0.2.10");
        assertEquals(List.of("localhost"), names.dnsNames());
        assertEquals(List.of(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("::1")), names.ipAddresses());
    }

    @Test
    void ipv6HostIsAcceptedWithOrWithoutBrackets() {
        assertEquals(List.of("IP:2001:db8::10", "IP:127.0.0.1", "IP:::1"),
                ServerNames.forHost("[2001:db8::10]").describe().subList(1, 4));
        assertEquals(ServerNames.forHost("[2001:db8::10]"), ServerNames.forHost("2001:DB8:0:0:0:0:0:10"));
    }

    @Test
    void hostNameIsLowercasedWithoutTrailingDot() {
        assertEquals(List.of("video.ward7.example", "localhost"), ServerNames.forHost("Video.Ward7.Example.").dnsNames());
    }

    @Test
    void loopbackHostsAreNotListedTwice() {
        assertEquals(List.of("DNS:localhost", "IP:127.0.0.1", "IP:::1"), ServerNames.forHost("localhost").describe());
        assertEquals(List.of("DNS:localhost", "IP:127.0.0.1", "IP:::1"), ServerNames.forHost("127.0.0.1").describe());
        assertEquals(List.of("DNS:localhost", "IP:::1", "IP:127.0.0.1"), ServerNames.forHost("::1").describe());
    }

    @Test
    void singleLabelIntranetNamesAreAccepted() {
        assertEquals("lucarne", ServerNames.forHost("lucarne").commonName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_host", "-lead.example", "trail-.example", "two words.example", "a..example",
            "*.ward7.example", "ward7.example:8443", "https://ward7.example", "ward7.example/path",
            "münchen.example", "256.1.1.1", "10.0.0.01", "1.2.3", "[ward7.example]", "2001:db8::zz"})
    void invalidHostIsRejectedNamingTheValue(String host) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerNames.forHost(host));
        assertTrue(e.getMessage().contains("\"" + host + "\""), e.getMessage());
    }

    @Test
    void overlongLabelAndNameAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ServerNames.forHost("a".repeat(64) + ".example"));
        String tooLong = String.join(".", java.util.Collections.nCopies(64, "abc")) + ".example";
        assertThrows(IllegalArgumentException.class, () -> ServerNames.forHost(tooLong));
    }

    @Test
    void emptyOrPaddedHostIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerNames.forHost(""))
                .getMessage().contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> ServerNames.forHost(null));
        assertThrows(IllegalArgumentException.class, () -> ServerNames.forHost(" ward7.example"));
    }

    @Test
    void extraNamesAreAppendedWithoutDuplicates() {
        ServerNames names = ServerNames.forHost("a.example").withDnsName("B.example").withDnsName("a.example")
                .withIpAddress("10.0.0.1").withIpAddress("[::1]");
        assertEquals(List.of("a.example", "localhost", "b.example"), names.dnsNames());
        assertEquals(List.of("IP:127.0.0.1", "IP:::1", "IP:10.0.0.1"), names.describe().subList(3, 6));
    }

    @Test
    void invalidExtraIpAddressIsRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerNames.forHost("a.example").withIpAddress("ward7.example"));
        assertTrue(e.getMessage().contains("\"ward7.example\""), e.getMessage());
    }

    @Test
    void ipOnlyNamesUseTheFirstAddressAsCommonName() throws Exception {
        ServerNames names = new ServerNames(List.of(), List.of(InetAddress.getByName("10.0.0.5")));
        assertEquals("10.0.0.5", names.commonName());
        assertThrows(IllegalArgumentException.class, () -> new ServerNames(List.of(), List.of()));
    }
}
