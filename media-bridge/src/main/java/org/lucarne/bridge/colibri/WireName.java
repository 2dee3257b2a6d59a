package org.lucarne.bridge.colibri;

/** An enum whose constants are written on the wire as a fixed lower-case word. */
interface WireName {
    String wireName();
}
