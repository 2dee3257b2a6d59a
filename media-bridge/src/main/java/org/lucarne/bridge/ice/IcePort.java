package org.lucarne.bridge.ice;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bridge's one UDP port for ICE and media, shared by every endpoint's {@link IceSession}
 * (as in Jitsi Videobridge): an ice4j {@link SinglePortUdpHarvester} that demultiplexes incoming
 * connectivity checks by the local ufrag in their USERNAME, then by remote address. With a TCP port
 * configured, also an ICE-TCP listener on the same address ({@link IceTcpListener}), whose passive
 * candidates every session offers beside the UDP one.
 */
public final class IcePort implements AutoCloseable {
    /** Held so that the level set below is not lost when the logger is collected. */
    private static final Logger ICE4J_LOGGER = Logger.getLogger("org.ice4j");
    /** jitsi's config loading, which ice4j triggers, announces itself at INFO under these names. */
    private static final Logger JITSI_LOGGER = Logger.getLogger("org.jitsi");
    private static final Logger JITSI_CONFIG_LOGGER = Logger.getLogger("JitsiConfig");

    static final String RECEIVE_BUFFER_PROPERTY = "ice4j.harvest.udp.receive-buffer-size";
    static final int RECEIVE_BUFFER_BYTES = 10 * 1024 * 1024;

    private final IcePortConfig config;
    private final SinglePortUdpHarvester harvester;
    private final InetSocketAddress localAddress;
    private final Optional<IceTcpListener.Bound> tcp;
    private volatile boolean closed;

    private IcePort(IcePortConfig config, SinglePortUdpHarvester harvester, Optional<IceTcpListener.Bound> tcp) {
        this.config = config;
        this.harvester = harvester;
        this.tcp = tcp;
        TransportAddress bound = harvester.getLocalAddress();
        this.localAddress = new InetSocketAddress(bound.getAddress(), bound.getPort());
    }

    /**
     * Binds the port.
     *
     * @throws IOException with the address in the message when the port is taken or not local
     */
    public static IcePort open(IcePortConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        configureIce4j();
        if (config.port() != 0) {
            refuseTakenPort(config);
        }
        TransportAddress address = new TransportAddress(config.bindAddress(), config.port(), Transport.UDP);
        SinglePortUdpHarvester udp;
        try {
            udp = new SinglePortUdpHarvester(address);
        } catch (IOException e) {
            throw new IOException("cannot bind UDP " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        try {
            Optional<IceTcpListener.Bound> tcp = config.tcpPort().isPresent()
                    ? Optional.of(IceTcpListener.open(config.bindAddress(), config.tcpPort().getAsInt()))
                    : Optional.empty();
            return new IcePort(config, udp, tcp);
        } catch (IOException | RuntimeException e) {
            udp.close();
            throw e;
        }
    }

    /**
     * ice4j binds with SO_REUSEADDR, so a second bridge on a taken port would start and share it
     * silently; a plain socket (without SO_REUSEADDR) fails on a taken port instead.
     */
    private static void refuseTakenPort(IcePortConfig config) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()));
        } catch (SocketException e) {
            throw new IOException("UDP " + config.bindAddress() + ":" + config.port()
                    + " is taken or the address is not one of this machine's", e);
        }
    }

    /**
     * ice4j reads its settings from system properties through its config library. Without this it
     * probes the AWS metadata address on first use. Its java.util.logging output is chatty at INFO.
     * The push API (JVM-wide, as JVB sets it) hands each session's non-STUN datagrams to its
     * component's callback on the port's reader thread instead of queueing them per socket.
     */
    static synchronized void configureIce4j() {
        AbstractUdpListener.USE_PUSH_API = true;
        if (System.getProperty(RECEIVE_BUFFER_PROPERTY) == null) {
            // Every endpoint's media arrives on this one socket: bursts of video from many senders
            // overflow the OS default (about 200 KiB) before the reader gets to them. As JVB, ask for
            // 10 MiB; Linux grants at most net.core.rmem_max (docs/operations.md).
            System.setProperty(RECEIVE_BUFFER_PROPERTY, String.valueOf(RECEIVE_BUFFER_BYTES));
        }
        if (System.getProperty("ice4j.harvest.mapping.aws.enabled") == null) {
            System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        }
        if (ICE4J_LOGGER.getLevel() == null) {
            ICE4J_LOGGER.setLevel(Level.WARNING);
        }
        for (Logger chatty : new Logger[] {JITSI_LOGGER, JITSI_CONFIG_LOGGER}) {
            if (chatty.getLevel() == null) {
                chatty.setLevel(Level.WARNING);
            }
        }
    }

    /** The bound address; with port 0 in the config this carries the port actually chosen. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The public address to advertise (with {@link #localAddress()}'s port), if behind a static NAT. */
    public Optional<String> advertisedAddress() {
        return Optional.ofNullable(config.advertisedAddress());
    }

    /** The ICE-TCP listening address, when a TCP port is configured. */
    public Optional<InetSocketAddress> tcpAddress() {
        return tcp.map(IceTcpListener.Bound::address);
    }

    /** What a session gathers its candidates from: the UDP port, then the TCP listener if any. */
    List<CandidateHarvester> harvesters() {
        if (closed) {
            throw new IllegalStateException("ICE port " + localAddress + " is closed");
        }
        return tcp.isPresent() ? List.of(harvester, tcp.get().harvester()) : List.of(harvester);
    }

    /** Closes the socket; sessions still using it stop receiving. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            harvester.close();
            tcp.ifPresent(t -> t.harvester().close());
        }
    }

    @Override
    public String toString() {
        return "IcePort[" + localAddress + tcpAddress().map(a -> ", tcp " + a).orElse("")
                + advertisedAddress().map(a -> " as " + a).orElse("") + "]";
    }
}
