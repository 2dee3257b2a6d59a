package org.lucarne.signaling.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stop-the-world pauses during a phase: the server's from its {@code -Xlog:gc} lines, this client's
 * from its collector beans. A ping that arrives during a pause waits for it, so these explain most of
 * a p99 on a busy 2-core machine.
 */
public record GcPauses(long count, double totalMillis, double maxMillis) {
    private static final Pattern PAUSE = Pattern.compile("Pause (?:Young|Full|Remark|Cleanup)[^\\n]*? ([0-9.]+)ms");

    public static final GcPauses NONE = new GcPauses(0, 0, 0);

    /** The pauses in {@code -Xlog:gc} output (one line per collection, its duration last). */
    public static GcPauses parseLog(String gcLog) {
        Matcher m = PAUSE.matcher(gcLog);
        long count = 0;
        double total = 0;
        double max = 0;
        while (m.find()) {
            double ms = Double.parseDouble(m.group(1));
            count++;
            total += ms;
            max = Math.max(max, ms);
        }
        return new GcPauses(count, total, max);
    }

    /**
     * Pauses and their summed time in this JVM so far (the beans give no maximum). ZGC's and
     * Shenandoah's "Cycles" beans time concurrent work, not pauses, and are left out.
     */
    public static GcPauses ofThisJvm() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getCollectionCount() > 0 && !gc.getName().contains("Cycles")) {
                count += gc.getCollectionCount();
                millis += gc.getCollectionTime();
            }
        }
        return new GcPauses(count, millis, Double.NaN);
    }

    public GcPauses since(GcPauses before) {
        return new GcPauses(count - before.count, totalMillis - before.totalMillis, maxMillis);
    }
}
