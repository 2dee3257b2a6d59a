/**
 * The SFU packet path of one conference, as a chain of small stages (Jitsi Videobridge's nodes
 * as the model).
 *
 * <pre>
 * port reader thread         endpoint's worker (SerialQueue)                 per receiver
 * RouterEndpoint.received → InboundPipeline: parse → decrypt ─┬→ RtpForwarder → HeaderRewrite → Outbound: encrypt → PacketCache → send
 *   (queue, bounded)                                          └→ RtcpHandler: SR → receivers; PLI/FIR → KeyframeRequests;
 *                                                                NACK → NackResponder; REMB → BandwidthEstimates; RR/SDES/BYE end here
 *
 * a simulcast source's RTP (a SIM group, as JVB reads it):
 * RtpForwarder → SimulcastForwarder: LayerActivity (layers arriving, heights, bitrates)
 *                  per receiver: LayerSelection (tile, then bandwidth) → LayerSwitch (keyframes, rewrite) → Outbound
 *                                LayerProbe (padding on its RTX stream to test a higher rate)
 * </pre>
 *
 * <p>Bandwidth estimation is REMB (draft-alvestrand-rmcat-remb-03): each sender gets the minimum
 * of its receivers' REMB values, at most every 500 ms and at once on a fall of more than 10 %.
 * It relies on {@code abs-send-time} and {@code goog-remb} being negotiated with every endpoint
 * and {@code transport-cc} not being: a browser that has transport-cc estimates on its own and
 * ignores REMB. Transport-cc feedback that arrives anyway is consumed, not forwarded.
 *
 * <p>Retransmissions come from a per-receiver cache of what was sent, still protected: jitsi-srtp
 * refuses to protect an SRTP index twice (see {@link org.lucarne.bridge.forward.PacketCache}).
 *
 * <p>Drop reasons in {@link org.lucarne.bridge.forward.ForwardingStats} are stable names.
 */
package org.lucarne.bridge.forward;
