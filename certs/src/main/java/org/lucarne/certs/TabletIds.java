package org.lucarne.certs;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a tablet's id is written in its client certificate: one subjectAltName URI
 * {@code urn:lucarne:tablet:<id>}, the id being 1 to 64 characters of {@code A–Z a–z 0–9 - _}.
 */
public final class TabletIds {

    public static final String URI_PREFIX = "urn:lucarne:tablet:";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int URI_NAME = 6; // RFC 5280 §4.2.1.6 uniformResourceIdentifier

    private TabletIds() {
    }

    /** Whether {@code id} is a well-formed tablet id. */
    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * The id itself, checked.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String require(String id) {
        if (!valid(id)) {
            throw new IllegalArgumentException("the tablet id \"" + id + "\" is not 1 to 64 characters of"
                    + " A-Z a-z 0-9 - _");
        }
        return id;
    }

    /** {@code urn:lucarne:tablet:<id>}. */
    public static String uri(String id) {
        return URI_PREFIX + require(id);
    }

    /**
     * The tablet id of a certificate: present only when the certificate carries exactly one
     * {@code urn:lucarne:tablet:} URI and its id is well formed. Says nothing about who issued it:
     * the caller must have checked the chain.
     */
    public static Optional<String> of(X509Certificate certificate) {
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        if (entries == null) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (List<?> entry : entries) {
            if ((Integer) entry.get(0) == URI_NAME && entry.get(1) instanceof String uri && uri.startsWith(URI_PREFIX)) {
                ids.add(uri.substring(URI_PREFIX.length()));
            }
        }
        return ids.size() == 1 && valid(ids.get(0)) ? Optional.of(ids.get(0)) : Optional.empty();
    }
}
