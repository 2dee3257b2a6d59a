package org.lucarne.signaling.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A fixed piece of CPU work (SHA-256 over 16 MiB, median of five) timed on one thread, in MiB/s.
 * A virtual machine's host can slow it down several times for minutes without any steal time
 * showing in /proc/stat; taken before and after each server's run, it tells whether the two runs
 * had the same machine.
 */
public final class MachineSpeed {
    private static final int MIB = 1 << 20;

    private MachineSpeed() {
    }

    public static double sha256MibPerSecond() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[MIB];
            Arrays.fill(chunk, (byte) 7);
            double[] speeds = new double[5];
            for (int run = 0; run < speeds.length; run++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 16; i++) {
                    sha.update(chunk);
                }
                sha.digest();
                speeds[run] = 16 / ((System.nanoTime() - t0) / 1e9);
            }
            Arrays.sort(speeds);
            return speeds[speeds.length / 2];
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
