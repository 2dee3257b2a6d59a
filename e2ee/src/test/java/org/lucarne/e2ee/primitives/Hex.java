package org.lucarne.e2ee.primitives;

import java.util.HexFormat;

/** Hex, as the RFCs print their test vectors. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
