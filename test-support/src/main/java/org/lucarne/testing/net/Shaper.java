package org.lucarne.testing.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link LinkShape} to both ends of a namespace's veth pair. With {@code tc netem} (the
 * kernel's {@code sch_netem}) everything goes through netem on each end's egress. Some kernels (small
 * VMs) lack netem: there the rate is a token bucket ({@code tbf}) on each end, the loss a random
 * drop in the namespace's nftables (input and output), and a delay a {@link DelayLine} that takes the
 * veth pair's place.
 */
final class Shaper {
    static final String LOSS_TABLE = "lucarne_lab_loss";
    private static volatile Boolean netem;

    private Shaper() {
    }

    /** Shapes the link of namespace {@code ns}: {@code rootEnd} in the root namespace, {@code innerEnd} inside. */
    static void apply(LinkShape shape, LabNamespace namespace) {
        String ns = namespace.name();
        String rootEnd = namespace.rootInterface();
        String innerEnd = namespace.innerInterface();
        clear(ns, rootEnd, innerEnd);
        if (hasNetem(rootEnd)) {
            Commands.run(with(List.of("tc", "qdisc", "replace", "dev", rootEnd, "root", "netem"), shape.netemArguments()), null);
            Commands.run(with(inside(ns, "tc", "qdisc", "replace", "dev", innerEnd, "root", "netem"), shape.netemArguments()), null);
            return;
        }
        if (shape.delay().isZero()) {
            namespace.relinkPlain();
        } else {
            namespace.relinkDelayed(shape.delay());
        }
        if (shape.rateKbits() > 0) {
            Commands.run(tbf(List.of(), rootEnd, shape.rateKbits()), null);
            Commands.run(tbf(inside(ns), innerEnd, shape.rateKbits()), null);
        }
        if (shape.lossPercent() > 0) {
            String drop = " numgen random mod 10000 < " + Math.round(shape.lossPercent() * 100) + " drop; }\n";
            Commands.run(inside(ns, "nft", "-f", "-"), "table inet " + LOSS_TABLE + " {\n"
                    + "  chain input { type filter hook input priority filter - 1; policy accept; iifname \""
                    + innerEnd + "\"" + drop
                    + "  chain output { type filter hook output priority filter - 1; policy accept; oifname \""
                    + innerEnd + "\"" + drop + "}\n");
        }
    }

    /** Removes any shape: qdiscs on both ends, the loss table. */
    static void clear(String ns, String rootEnd, String innerEnd) {
        Commands.tryRun("tc", "qdisc", "del", "dev", rootEnd, "root");
        Commands.tryRun("ip", "netns", "exec", ns, "tc", "qdisc", "del", "dev", innerEnd, "root");
        Commands.tryRun("ip", "netns", "exec", ns, "nft", "delete", "table", "inet", LOSS_TABLE);
    }

    private static List<String> inside(String ns, String... command) {
        return with(List.of("ip", "netns", "exec", ns), List.of(command));
    }

    private static List<String> tbf(List<String> prefix, String dev, int rateKbits) {
        // burst: at least one full packet per timer tick; latency: up to half a second of queue, as a home router's
        int burstBytes = Math.max(16_000, rateKbits * 1000 / 8 / 50);
        return with(prefix, List.of("tc", "qdisc", "replace", "dev", dev, "root", "tbf", "rate", rateKbits + "kbit",
                "burst", Integer.toString(burstBytes), "latency", "500ms"));
    }

    /** Whether the kernel has netem, found once by trying it on this lab's own interface. */
    static boolean hasNetem(String rootEnd) {
        Boolean known = netem;
        if (known == null) {
            known = Commands.tryRun("tc", "qdisc", "replace", "dev", rootEnd, "root", "netem", "delay", "0ms");
            Commands.tryRun("tc", "qdisc", "del", "dev", rootEnd, "root");
            netem = known;
        }
        return known;
    }

    private static List<String> with(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }
}
