package org.lucarne.signaling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the machine's CPU went during a phase: the server, this client, and every other process.
 * On a small shared machine the third figure says whether a run can be trusted: a build running
 * beside the benchmark shows up there, not as a slower Lucarne.
 */
public final class CpuMeter {
    /**
     * Cores busy on average (2.0 = both cores of a 2-core machine all the time); {@code steal} is
     * time the virtual machine's host gave to someone else while this machine wanted to run.
     */
    public record Usage(double server, double client, double others, double steal, double seconds) { }

    /** A reading of the tick counters. */
    public record Snapshot(long nanos, long machineBusy, long steal, long server, long client) { }

    /** USER_HZ, the unit of /proc/stat and /proc/PID/stat; 100 on every Linux in practice. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuMeter() {
    }

    public static Snapshot snapshot(long serverPid) {
        String stat = read(Path.of("/proc/stat"));
        return new Snapshot(System.nanoTime(), machineBusy(stat), steal(stat),
                processTicks(read(Path.of("/proc", Long.toString(serverPid), "stat"))),
                processTicks(read(Path.of("/proc/self/stat"))));
    }

    public static Usage between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        if (seconds <= 0 || a.machineBusy() < 0 || b.machineBusy() < 0) {
            return new Usage(Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds);
        }
        double server = (b.server() - a.server()) / TICKS_PER_SECOND / seconds;
        double client = (b.client() - a.client()) / TICKS_PER_SECOND / seconds;
        double machine = (b.machineBusy() - a.machineBusy()) / TICKS_PER_SECOND / seconds;
        double steal = (b.steal() - a.steal()) / TICKS_PER_SECOND / seconds;
        return new Usage(server, client, Math.max(0, machine - server - client), steal, seconds);
    }

    /** Ticks this machine ran anything, all CPUs, from /proc/stat: user nice system irq softirq. */
    static long machineBusy(String procStat) {
        long[] f = cpuLine(procStat);
        return f.length < 7 ? -1 : f[0] + f[1] + f[2] + f[5] + f[6];
    }

    /** Steal ticks (the eighth figure of the cpu line), 0 where the kernel does not count them. */
    static long steal(String procStat) {
        long[] f = cpuLine(procStat);
        return f.length < 8 ? 0 : f[7];
    }

    private static long[] cpuLine(String procStat) {
        if (!procStat.startsWith("cpu ")) {
            return new long[0];
        }
        String[] f = procStat.substring(4, procStat.indexOf('\n')).trim().split("\\s+");
        long[] v = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Long.parseLong(f[i]);
        }
        return v;
    }

    /** utime + stime of a /proc/PID/stat line (fields 14 and 15; the name in parentheses may hold spaces). */
    static long processTicks(String pidStat) {
        int close = pidStat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] f = pidStat.substring(close + 2).trim().split("\\s+");
        return f.length > 12 ? Long.parseLong(f[11]) + Long.parseLong(f[12]) : -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
