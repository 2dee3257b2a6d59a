package org.lucarne.certs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a server certificate is valid for: DNS names and IP addresses, each becoming a
 * subjectAltName entry. DNS names are stored in lower case without a trailing dot; duplicates are dropped.
 * Nothing here performs a DNS lookup.
 */
public record ServerNames(List<String> dnsNames, List<InetAddress> ipAddresses) {

    public static final String LOCALHOST = "localhost";

    // RFC 1123 §2.1 host name labels; RFC 5280 §4.2.1.6 dNSName uses the same "preferred name syntax".
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final int MAX_DNS_NAME = 253;

    public ServerNames {
        dnsNames = dnsNames.stream().map(ServerNames::dnsName).distinct().toList();
        ipAddresses = ipAddresses.stream().map(ServerNames::unscoped).distinct().toList();
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
    }

    /**
     * The names for a server reached as {@code host} (a DNS name or an IP literal, IPv6 optionally in
     * brackets), plus {@code localhost}, {@code 127.0.0.1} and {@code ::1} so local clients also work.
     *
     * @throws IllegalArgumentException naming {@code host} if it is neither a valid DNS name nor an IP address
     */
    public static ServerNames forHost(String host) {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        Optional<InetAddress> ip = ipLiteral(requireHost(host));
        if (ip.isPresent()) {
            ips.add(ip.get());
        } else {
            dns.add(dnsName(host));
        }
        dns.add(LOCALHOST);
        ips.add(parseIpAddress("127.0.0.1"));
        ips.add(parseIpAddress("::1"));
        return new ServerNames(dns, ips);
    }

    /** These names plus one more DNS name. */
    public ServerNames withDnsName(String name) {
        List<String> dns = new ArrayList<>(dnsNames);
        dns.add(dnsName(name));
        return new ServerNames(dns, ipAddresses);
    }

    /** These names plus one more IP address, given as a literal. */
    public ServerNames withIpAddress(String address) {
        List<InetAddress> ips = new ArrayList<>(ipAddresses);
        ips.add(parseIpAddress(address));
        return new ServerNames(dnsNames, ips);
    }

    /** The subject common name: the first DNS name, or the first IP address if there is none. */
    public String commonName() {
        return dnsNames.isEmpty() ? IpAddresses.format(ipAddresses.get(0)) : dnsNames.get(0);
    }

    /** The names as {@code DNS:…} and {@code IP:…} strings, in certificate order. */
    public List<String> describe() {
        List<String> all = new ArrayList<>();
        dnsNames.forEach(n -> all.add("DNS:" + n));
        ipAddresses.forEach(a -> all.add("IP:" + IpAddresses.format(a)));
        return all;
    }

    /** Parses an IPv4 or IPv6 literal (IPv6 optionally in brackets) without any DNS lookup. */
    public static InetAddress parseIpAddress(String text) {
        return ipLiteral(requireHost(text)).orElseThrow(() -> new IllegalArgumentException(
                "invalid IP address \"" + text + "\": expected an IPv4 address like 192.0.2.10 or an IPv6 address like 2001:db8::10"));
    }

    /** Validates and normalises a DNS name: lower case, no trailing dot. */
    public static String dnsName(String name) {
        String host = requireHost(name);
        String normalised = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        normalised = normalised.toLowerCase(Locale.ROOT);
        if (normalised.contains("*")) {
            throw invalidName(name, "wildcard names are not supported; list each host name");
        }
        if (!normalised.chars().allMatch(c -> c < 0x80)) {
            throw invalidName(name, "use the ASCII (xn--) form of an internationalised name");
        }
        if (normalised.contains(":") || normalised.contains("/")) {
            throw invalidName(name, "not a DNS name or IP address (leave out any scheme, port or path)");
        }
        if (normalised.isEmpty() || normalised.length() > MAX_DNS_NAME) {
            throw invalidName(name, "a DNS name has 1 to " + MAX_DNS_NAME + " characters");
        }
        String[] labels = normalised.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalidName(name, "each dot-separated part must be 1 to 63 letters, digits or hyphens,"
                        + " not starting or ending with a hyphen");
            }
        }
        if (labels.length > 1 && DIGITS.matcher(labels[labels.length - 1]).matches()) {
            throw invalidName(name, "it looks like an IP address but is not a valid one");
        }
        return normalised;
    }

    /** The host as an IP address if it is an IP literal; empty if it should be treated as a DNS name. */
    static Optional<InetAddress> ipLiteral(String text) {
        boolean bracketed = text.length() > 2 && text.startsWith("[") && text.endsWith("]");
        String bare = bracketed ? text.substring(1, text.length() - 1) : text;
        Matcher v4 = IPV4.matcher(bare);
        if (!bracketed && v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String octet = v4.group(i + 1);
                int value = Integer.parseInt(octet);
                if (value > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
                    throw new IllegalArgumentException("invalid IP address \"" + text
                            + "\": each part must be 0 to 255 without leading zeros");
                }
                bytes[i] = (byte) value;
            }
            return Optional.of(byAddress(bytes));
        }
        if (bare.contains(":") && IPV6_TEXT.matcher(bare).matches()) {
            try {
                // Brackets make the JDK parse the text as an IPv6 literal and never fall back to a DNS lookup.
                return Optional.of(unscoped(InetAddress.getByName("[" + bare + "]")));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("invalid IPv6 address \"" + text + "\"", e);
            }
        }
        if (bracketed) {
            throw new IllegalArgumentException("invalid IPv6 address \"" + text + "\"");
        }
        return Optional.empty();
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address of " + bytes.length + " bytes", e);
        }
    }

    private static InetAddress unscoped(InetAddress address) {
        Objects.requireNonNull(address, "IP address");
        if (address instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            throw new IllegalArgumentException("invalid IP address \"" + address.getHostAddress()
                    + "\": a certificate cannot name a link-local scope");
        }
        return byAddress(address.getAddress());
    }

    private static String requireHost(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host name must not be empty");
        }
        if (!host.equals(host.strip())) {
            throw new IllegalArgumentException("invalid host name \"" + host + "\": it has leading or trailing spaces");
        }
        return host;
    }

    private static IllegalArgumentException invalidName(String name, String why) {
        return new IllegalArgumentException("invalid host name \"" + name + "\": " + why);
    }
}
