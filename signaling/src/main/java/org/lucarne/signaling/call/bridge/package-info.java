/**
 * The call focus's side of the media bridges: {@link org.lucarne.signaling.call.bridge.Colibri2Client}
 * drives one bridge (ours or a real JVB) over Colibri2's HTTP/JSON form, and
 * {@link org.lucarne.signaling.call.bridge.BridgePool} keeps the configured bridges checked and
 * chooses the least loaded healthy one for each new conference.
 */
package org.lucarne.signaling.call.bridge;
