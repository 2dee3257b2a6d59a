package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:db8:0:0:0:0:0:10, 2001:db8::10",
            "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:1:2:3:4:5:0, 2001:db8:1:2:3:4:5:0",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "2001:DB8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "192.0.2.1, 192.0.2.1"})
    void formatsAddressesInCanonicalForm(String input, String expected) throws Exception {
        assertEquals(expected, IpAddresses.format(ServerNames.ipLiteral(input).orElseThrow()));
        InetAddress parsedBack = ServerNames.ipLiteral(expected).orElseThrow();
        assertEquals(ServerNames.ipLiteral(input).orElseThrow(), parsedBack, "the short form names the same address");
    }
}
