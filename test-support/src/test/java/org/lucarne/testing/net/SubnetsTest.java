package org.lucarne.testing.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetsTest {
    @Test
    void picksTheFirstLabSubnetNoRootAddressIsIn() {
        String addresses = """
                1: lo    inet 127.0.0.1/8 scope host lo
                4: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0
                9: lnl-1-0r    inet 198.18.1.1/24 scope global lnl-1-0r
                11: lnl-2-0r    inet 198.18.2.1/24 scope global lnl-2-0r
                12: other    inet 198.18.4.1/24 scope global other
                """;
        assertEquals("198.18.3", Subnets.free(addresses));
    }

    @Test
    void movesOnTo198dot19WhenEvery198dot18SubnetIsTaken() {
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            addresses.append(i).append(": x inet 198.18.").append(i).append(".1/24 scope global x\n");
        }
        assertEquals("198.19.1", Subnets.free(addresses.toString()));
    }

    @Test
    void saysWhatToDoWhenEverySubnetIsTaken() {
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            addresses.append("inet 198.18.").append(i).append(".1/24\ninet 198.19.").append(i).append(".1/24\n");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Subnets.free(addresses.toString()));
        assertEquals(true, e.getMessage().contains("leftover lab interfaces"), e.getMessage());
    }

    @Test
    void aShapeBecomesNetemArgumentsAndRefusesNonsense() {
        assertEquals(List.of("delay", "100ms", "loss", "3.0%", "rate", "400kbit"),
                new LinkShape(400, Duration.ofMillis(100), 3).netemArguments());
        assertEquals(List.of("delay", "20ms"), LinkShape.delay(Duration.ofMillis(20)).netemArguments());
        assertThrows(IllegalArgumentException.class, () -> new LinkShape(-1, Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinkShape(0, Duration.ofMillis(-1), 0));
        assertThrows(IllegalArgumentException.class, () -> new LinkShape(0, Duration.ZERO, 101));
    }
}
