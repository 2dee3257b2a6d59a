package org.lucarne.bridge.colibri;

/**
 * A Colibri2 document the codec refused. The message names the JSON path of the fault, for example
 * {@code endpoints[1].transport.transport.fingerprints[0].setup must be one of actpass, active, passive}.
 */
public final class Colibri2Exception extends Exception {
    private final String path;

    Colibri2Exception(String path, String problem) {
        super(path.isEmpty() ? problem : path + " " + problem, null, false, false);
        this.path = path;
    }

    /** Where in the document the fault is; empty for the document as a whole. */
    public String path() {
        return path;
    }
}
