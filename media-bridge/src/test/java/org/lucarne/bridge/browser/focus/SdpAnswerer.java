package org.lucarne.bridge.browser.focus;

import java.io.IOException;

/** A participant's browser as the focus sees it: it answers the offers the focus sends it. */
@FunctionalInterface
public interface SdpAnswerer {
    /** Applies the offer and returns the answer. */
    String answer(String offer) throws IOException;
}
