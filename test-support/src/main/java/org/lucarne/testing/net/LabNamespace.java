package org.lucarne.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace of a {@link NetLab}, joined to the root namespace by a veth pair: the root
 * end has {@link #rootAddress()} ({@code 198.18.N.1/24}), the namespace end {@link #address()}
 * ({@code .2}, then {@code .3}… after each {@link #linkUpWithNewAddress()}), and the namespace's
 * default route goes through the root end. Servers in the root namespace that listen on the root
 * address (or on every address) are reachable from inside; nothing else is (no forwarding, no NAT).
 */
public final class LabNamespace {
    private static final String TABLE = "lucarne_lab";

    private final String name;
    private final String rootEnd;
    private final String innerEnd;
    private final String prefix;
    private final Path chromiumWrapper;
    private int host = 2;
    /** The delay line that replaced the veth pair (a kernel without netem asked for a delay), or null. */
    private DelayLine delayLine;

    private LabNamespace(String name, String prefix, Path chromiumWrapper) {
        this.name = name;
        this.rootEnd = name + "r";
        this.innerEnd = name + "i";
        this.prefix = prefix;
        this.chromiumWrapper = chromiumWrapper;
    }

    /** Creates the namespace, the veth pair and the addresses; undoes what it made if a step fails. */
    static LabNamespace create(String name, Path scratch, Path chromium) {
        return Subnets.claimFree(prefix -> {
            LabNamespace ns = new LabNamespace(name, prefix, scratch.resolve(name + "-chromium"));
            try {
                ns.build(chromium);
                return ns;
            } catch (RuntimeException e) {
                ns.remove();
                throw e;
            }
        });
    }

    private void build(Path chromium) {
        Commands.run("ip", "netns", "add", name);
        Commands.run("ip", "link", "add", rootEnd, "type", "veth", "peer", "name", innerEnd, "netns", name);
        rootSide();
        inside("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        inside("ip", "link", "set", "lo", "up");
        addressAndRoute();
        writeChromiumWrapper(chromium);
    }

    /**
     * The root end's address, then up. IPv6 is off on it first: otherwise a link-local address would
     * appear a second or two after the link comes up (duplicate address detection), which every
     * Chromium in the root namespace takes for a network change, failing the page load under way.
     */
    private void rootSide() {
        Commands.run("sysctl", "-q", "-w", "net.ipv6.conf." + rootEnd + ".disable_ipv6=1");
        Commands.run("ip", "addr", "add", rootAddress() + "/24", "dev", rootEnd);
        Commands.run("ip", "link", "set", rootEnd, "up");
    }

    /**
     * Replaces the link by a {@link DelayLine} of {@code oneWay} in each direction, with the same
     * names and addresses: how {@link Shaper} delays packets on a kernel without netem.
     */
    void relinkDelayed(Duration oneWay) {
        dropLink();
        delayLine = DelayLine.start(rootEnd, innerEnd, oneWay, chromiumWrapper.getParent());
        Commands.run("ip", "link", "set", innerEnd, "netns", name);
        rootSide();
        addressAndRoute();
    }

    /** Puts the plain veth pair back if a delay line had replaced it. */
    void relinkPlain() {
        if (delayLine == null) {
            return;
        }
        dropLink();
        Commands.run("ip", "link", "add", rootEnd, "type", "veth", "peer", "name", innerEnd, "netns", name);
        rootSide();
        addressAndRoute();
    }

    private void dropLink() {
        if (delayLine != null) {
            delayLine.close();
            delayLine = null;
        } else {
            Commands.tryRun("ip", "link", "del", rootEnd);
        }
    }

    /** The veth end (or delay-line device) inside the namespace. */
    String innerInterface() {
        return innerEnd;
    }

    private void addressAndRoute() {
        inside("ip", "addr", "add", address() + "/24", "dev", innerEnd);
        inside("ip", "link", "set", innerEnd, "up");
        inside("ip", "route", "replace", "default", "via", rootAddress());
    }

    /** The namespace's name, for {@code ip netns exec}. */
    public String name() {
        return name;
    }

    /** The root namespace's end of the link: where a server for this namespace listens. */
    public String rootAddress() {
        return prefix + ".1";
    }

    /** The namespace's current address. */
    public String address() {
        return prefix + "." + host;
    }

    /** The veth end in the root namespace (for captures: {@code tshark -i}). */
    public String rootInterface() {
        return rootEnd;
    }

    /** Drops every UDP datagram in and out of the namespace's link (nftables inside it); TCP passes. */
    public void blockUdp() {
        String script = "table inet " + TABLE + " {\n"
                + "  chain input { type filter hook input priority filter; policy accept;"
                + " iifname \"" + innerEnd + "\" meta l4proto udp drop; }\n"
                + "  chain output { type filter hook output priority filter; policy accept;"
                + " oifname \"" + innerEnd + "\" meta l4proto udp drop; }\n"
                + "}\n";
        Commands.run(List.of("ip", "netns", "exec", name, "nft", "-f", "-"), script);
    }

    /** Undoes {@link #blockUdp()}. */
    public void allowUdp() {
        inside("nft", "delete", "table", "inet", TABLE);
    }

    /**
     * Shapes both directions of the link, replacing any shape: {@code tc netem} on the egress of each
     * veth end; on a kernel without netem, rate and loss only (see {@link Shaper}).
     */
    public void shape(LinkShape shape) {
        Shaper.apply(shape, this);
    }

    /** Removes the shape: the link is as fast as the machine again. */
    public void unshape() {
        Shaper.clear(name, rootEnd, innerEnd);
        relinkPlain();
    }

    /** Takes the link down: both ends lose carrier, every connection through it stalls. */
    public void linkDown() {
        inside("ip", "link", "set", innerEnd, "down");
    }

    /**
     * Brings the link up again with the namespace's next address ({@code .3}, then {@code .4}…),
     * as a phone does when it moves to another network; returns the new address.
     */
    public String linkUpWithNewAddress() {
        if (host >= 254) {
            throw new IllegalStateException("namespace " + name + " has used every address of " + prefix + ".0/24");
        }
        inside("ip", "addr", "flush", "dev", innerEnd);
        host++;
        addressAndRoute();
        return address();
    }

    /** A process builder for {@code command} run inside the namespace. */
    public ProcessBuilder command(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return new ProcessBuilder(full);
    }

    /**
     * An executable that runs Chromium inside this namespace ({@code ip netns exec NAME chromium "$@"}):
     * give it to {@code org.lucarne.testing.Chromium} (or Playwright's {@code setExecutablePath});
     * Playwright drives Chromium over inherited pipes, which the namespace does not cut.
     */
    public Path chromiumExecutable() {
        return chromiumWrapper;
    }

    private void writeChromiumWrapper(Path chromium) {
        String script = "#!/bin/sh\nexec ip netns exec " + name + " " + chromium + " \"$@\"\n";
        try {
            Files.writeString(chromiumWrapper, script);
            Files.setPosixFilePermissions(chromiumWrapper, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + chromiumWrapper + ": " + e.getMessage(), e);
        }
    }

    private void inside(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        Commands.run(full, null);
    }

    /** Deletes the namespace (which takes its nftables table, its qdiscs and both veth ends with it). */
    void remove() {
        if (delayLine != null) {
            delayLine.close();
            delayLine = null;
        }
        Commands.tryRun("ip", "netns", "del", name);
        Commands.tryRun("ip", "link", "del", rootEnd);
        try {
            Files.deleteIfExists(chromiumWrapper);
        } catch (IOException e) {
            // the scratch directory goes with the lab
        }
    }

    @Override
    public String toString() {
        return name + " (" + address() + " ↔ " + rootAddress() + ")";
    }
}
