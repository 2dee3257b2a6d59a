/**
 * SDP for the endpoints of a Colibri2 bridge: what a focus (the signaling server's call focus,
 * or a test harness) needs to put a browser on our bridge or on a real Jitsi Videobridge.
 *
 * <p>The bridge's side offers and the browser answers, as with Jitsi:
 * <ul>
 *   <li>{@link org.lucarne.bridge.sdp.EndpointNegotiation} is one endpoint's offer/answer state:
 *       the next offer for "these remote sources now", then the browser's answer, checked
 *       against that offer.</li>
 *   <li>{@link org.lucarne.bridge.sdp.OfferLayout} says which remote source each m-section
 *       carries; m-sections are never removed, only made inactive and reused (RFC 8829 §5.2.2).</li>
 *   <li>{@link org.lucarne.bridge.sdp.OfferBuilder} writes the offer text: unified plan, one
 *       BUNDLE group on the bridge's one ICE transport (RFC 8843), rtcp-mux, the bridge's
 *       candidates and fingerprint (RFC 8839 §5, RFC 8122 §5), remote SSRCs (RFC 5576).</li>
 *   <li>{@link org.lucarne.bridge.sdp.AnswerParser} reads the browser's untrusted answer into a
 *       Colibri2 {@code IceUdpTransport} and {@code Sources}, or refuses it with an
 *       {@link org.lucarne.bridge.sdp.InvalidAnswerException} naming the line.</li>
 *   <li>{@link org.lucarne.bridge.sdp.CallCodecs} is the one table of codecs and header-extension
 *       ids that every endpoint of a call gets, in its offer and in its Colibri2 {@code medias}.</li>
 * </ul>
 * Nothing here does I/O or depends on the signaling server.
 */
package org.lucarne.bridge.sdp;
