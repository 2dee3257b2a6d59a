package org.lucarne.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks a free /24 of 198.18.0.0/15 (RFC 2544's benchmarking range) for a namespace: one that no
 * address of the root namespace is in. A file lock shared by every JVM on the machine makes the
 * choice and the assignment of the root side's address one step, so parallel runs never collide.
 */
final class Subnets {
    private static final Pattern LAB_ADDRESS = Pattern.compile("inet (198\\.1[89])\\.(\\d+)\\.\\d+/");
    private static final Path LOCK = Path.of(Files.isDirectory(Path.of("/run/lock")) ? "/run/lock" : "/tmp",
            "lucarne-netlab.lock");

    private Subnets() {
    }

    /**
     * Under the machine-wide lock, finds a free /24 and hands its prefix ("198.18.7") to
     * {@code claim}, which must put the root side's address in place before returning.
     */
    static <T> T claimFree(Function<String, T> claim) {
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            String prefix = free(Commands.run("ip", "-4", "-o", "addr", "show"));
            return claim.apply(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + LOCK + " to choose a lab subnet: " + e.getMessage(), e);
        }
    }

    /** The first /24 of 198.18.1.0–198.19.254.0 that no line of {@code ip -4 -o addr show} is in. */
    static String free(String addresses) {
        boolean[] used = new boolean[512];
        Matcher m = LAB_ADDRESS.matcher(addresses);
        while (m.find()) {
            int third = Integer.parseInt(m.group(2));
            used[(m.group(1).equals("198.18") ? 0 : 256) + third] = true;
        }
        for (int i = 1; i < 511; i++) {
            if (i != 255 && i != 256 && !used[i]) {
                return (i < 256 ? "198.18." : "198.19.") + (i % 256);
            }
        }
        throw new IllegalStateException("every /24 of 198.18.0.0/15 is in use in the root namespace: "
                + "remove leftover lab interfaces (ip -br addr | grep 198.1[89])");
    }
}
