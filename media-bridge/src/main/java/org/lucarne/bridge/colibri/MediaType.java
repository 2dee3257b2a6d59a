package org.lucarne.bridge.colibri;

/** The media a {@link Media} line or a {@link MediaSource} carries ({@code "type"}). */
public enum MediaType implements WireName {
    AUDIO("audio"),
    VIDEO("video");

    private final String wireName;

    MediaType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
