package org.lucarne.signaling.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures another JVM's memory from outside, the way an operator would: {@code jcmd PID GC.run}
 * (a full collection), then {@code jcmd PID GC.heap_info} for the live heap, and VmRSS from
 * {@code /proc/PID/status} for what the process holds in RAM.
 */
public final class MemoryProbe {
    /** Live heap after a full GC, and resident set size, in bytes. */
    public record Sample(long heapUsedBytes, long rssBytes) { }

    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])\\b");
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final Path jcmd;

    public MemoryProbe(Path javaHome) {
        this.jcmd = javaHome.resolve("bin").resolve("jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IllegalStateException(jcmd + " is missing: the benchmark needs a full JDK (jcmd), "
                    + "e.g. apt-get install openjdk-17-jdk-headless");
        }
    }

    /** A full GC, then the live heap and the RSS of process {@code pid}. */
    public Sample sample(long pid) {
        jcmd(pid, "GC.run");
        long heap = parseHeapUsed(jcmd(pid, "GC.heap_info"));
        try {
            return new Sample(heap, parseRss(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the RSS of process " + pid + ": " + e.getMessage(), e);
        }
    }

    /** Bytes held per class after a full GC ({@code jcmd PID GC.class_histogram}). */
    public Map<String, Long> classHistogram(long pid) {
        return parseHistogram(jcmd(pid, "GC.class_histogram"));
    }

    /**
     * The heap's used size in a {@code GC.heap_info} report: the sum of the "used" figures of the
     * heap's top-level lines (G1 has one, the serial and parallel collectors one per generation),
     * stopping at Metaspace, which is not heap.
     */
    static long parseHeapUsed(String heapInfo) {
        long total = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            if (line.strip().startsWith("Metaspace")) {
                break;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                long value = Long.parseLong(m.group(1));
                total += switch (m.group(2)) {
                    case "K" -> value << 10;
                    case "M" -> value << 20;
                    default -> value << 30;
                };
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("no heap \"used\" figure in jcmd GC.heap_info output:\n" + heapInfo);
        }
        return total;
    }

    static long parseRss(String procStatus) {
        Matcher m = RSS.matcher(procStatus);
        if (!m.find()) {
            throw new IllegalStateException("no VmRSS line in /proc/PID/status");
        }
        return Long.parseLong(m.group(1)) << 10;
    }

    static Map<String, Long> parseHistogram(String histogram) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (String line : histogram.split("\n")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.find()) {
                bytes.merge(m.group(3), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return bytes;
    }

    private String jcmd(long pid, String command) {
        List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid), command));
        Path out = null;
        try {
            out = Files.createTempFile("lucarne-bench-jcmd-", ".txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 60 s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        }
    }
}
