package org.lucarne.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, and the machine's busy time, from /proc (Linux):
 * what the SFU spent is read from outside it, the same way for a JVM and for Janus.
 */
final class ProcessProbe {
    /** USER_HZ, the unit of /proc/stat and /proc/PID/stat; 100 on every Linux in practice. */
    static final double TICKS_PER_SECOND = 100.0;

    /** A reading: the process's and this JVM's CPU ticks, the machine's busy and steal ticks. */
    record Reading(long nanos, long processTicks, long selfTicks, long machineBusyTicks, long stealTicks) { }

    private ProcessProbe() {
    }

    /** Reads now; {@code pid} &lt; 0 means no process (its ticks read as 0). */
    static Reading read(long pid) {
        String stat = readFile(Path.of("/proc/stat"));
        long process = pid < 0 ? 0 : cpuTicks(readFile(Path.of("/proc", Long.toString(pid), "stat")));
        return new Reading(System.nanoTime(), process, cpuTicks(readFile(Path.of("/proc/self/stat"))),
                machineBusy(stat), steal(stat));
    }

    /** UDP datagrams the kernel dropped because a socket's receive buffer was full (all sockets of the machine). */
    static long udpReceiveBufferErrors() {
        return udpReceiveBufferErrors(readFile(Path.of("/proc/net/snmp")));
    }

    static long udpReceiveBufferErrors(String snmp) {
        String[] header = null;
        for (String line : snmp.split("\n")) {
            if (!line.startsWith("Udp: ")) {
                continue;
            }
            String[] f = line.substring(5).trim().split("\\s+");
            if (header == null) {
                header = f;
                continue;
            }
            for (int i = 0; i < header.length && i < f.length; i++) {
                if (header[i].equals("RcvbufErrors")) {
                    return Long.parseLong(f[i]);
                }
            }
        }
        return -1;
    }

    /** Resident set size in KiB from /proc/PID/status, or -1 when unknown. */
    static long rssKib(long pid) {
        return rssKib(readFile(Path.of("/proc", Long.toString(pid), "status")));
    }

    static long rssKib(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                return Long.parseLong(f[0]);
            }
        }
        return -1;
    }

    /** utime + stime of a /proc/PID/stat line (fields 14 and 15; the name in parentheses may hold spaces). */
    static long cpuTicks(String pidStat) {
        int close = pidStat.lastIndexOf(')');
        if (close < 0 || close + 2 > pidStat.length()) {
            return -1;
        }
        String[] f = pidStat.substring(close + 2).trim().split("\\s+");
        return f.length > 12 ? Long.parseLong(f[11]) + Long.parseLong(f[12]) : -1;
    }

    /** Ticks this machine ran anything, all CPUs (/proc/stat: user nice system irq softirq), or -1. */
    static long machineBusy(String procStat) {
        long[] f = cpuLine(procStat);
        return f.length < 7 ? -1 : f[0] + f[1] + f[2] + f[5] + f[6];
    }

    static long steal(String procStat) {
        long[] f = cpuLine(procStat);
        return f.length < 8 ? 0 : f[7];
    }

    private static long[] cpuLine(String procStat) {
        if (!procStat.startsWith("cpu ")) {
            return new long[0];
        }
        int end = procStat.indexOf('\n');
        String[] f = procStat.substring(4, end < 0 ? procStat.length() : end).trim().split("\\s+");
        long[] v = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Long.parseLong(f[i]);
        }
        return v;
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
