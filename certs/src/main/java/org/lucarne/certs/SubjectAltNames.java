package org.lucarne.certs;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the subjectAltName entries of any certificate, including ones Lucarne did not issue. */
public final class SubjectAltNames {

    // RFC 5280 §4.2.1.6 GeneralName choice tags
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private SubjectAltNames() {
    }

    /** Each entry as {@code DNS:name} or {@code IP:address}; other kinds as {@code type N:value}. */
    public static List<String> describe(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : entries(certificate)) {
            int type = (Integer) entry.get(0);
            Object value = entry.get(1);
            names.add(switch (type) {
                case DNS_NAME -> "DNS:" + value;
                case IP_ADDRESS -> "IP:" + ipText(String.valueOf(value));
                case 1 -> "email:" + value;
                case 6 -> "URI:" + value;
                default -> "type " + type + ":" + (value instanceof String s ? s : "(binary)");
            });
        }
        return names;
    }

    /**
     * Whether a client connecting to {@code host} would accept this certificate's names: an exact
     * DNS name match (case-insensitive) or an equal IP address. Wildcards are not considered.
     */
    public static boolean covers(X509Certificate certificate, String host) {
        Optional<InetAddress> ip;
        String dns;
        try {
            ip = ServerNames.ipLiteral(host);
            dns = ip.isPresent() ? null : ServerNames.dnsName(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (List<?> entry : entries(certificate)) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (type == DNS_NAME && dns != null && dns.equals(stripDot(value).toLowerCase(Locale.ROOT))) {
                return true;
            }
            if (type == IP_ADDRESS && ip.isPresent() && ip.get().equals(parseOrNull(value))) {
                return true;
            }
        }
        return false;
    }

    private static Collection<List<?>> entries(X509Certificate certificate) {
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            return entries != null ? entries : List.of();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static InetAddress parseOrNull(String text) {
        try {
            return ServerNames.ipLiteral(text).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String ipText(String value) {
        InetAddress address = parseOrNull(value);
        return address == null ? value : IpAddresses.format(address);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
