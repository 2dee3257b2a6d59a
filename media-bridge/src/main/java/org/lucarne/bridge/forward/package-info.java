/**
 * The SFU packet path of one conference, as a chain of small stages (Jitsi Videobridge's nodes
 * as the model).
 *
 * <pre>
 * port reader thread         endpoint's worker (SerialQueue)                 per receiver
 * RouterEndpoint.received → InboundPipeline: parse → decrypt ─┬→ RtpForwarder ─────→ HeaderRewrite → Outbound: encrypt → PacketCache → send
 *   (queue, bounded)                                          │   └→ TransportCcArrivals: record, blank the element; feedback → the sender
 *                                                             └→ RtcpHandler: SR → receivers; PLI/FIR → KeyframeRequests;
 *                                                                NACK → NackResponder; REMB → BandwidthEstimates → SenderRemb;
 *                                                                RR's audio loss → DownstreamLoss; SDES/BYE/transport-cc end here
 *
 * a simulcast source's RTP (a SIM group, as JVB reads it):
 * RtpForwarder → SimulcastForwarder: LayerActivity (layers arriving, heights, bitrates)
 *                  per receiver: LayerSelection (tile, then bandwidth) → LayerSwitch (keyframes, rewrite) → Outbound
 *                                LayerProbe (padding on its RTX stream to test a higher rate)
 * </pre>
 *
 * <p>Bandwidth: the bridge ends each sender's leg for transport-wide congestion control
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01): {@link org.lucarne.bridge.forward.TransportCcArrivals}
 * records the arrival of every packet by its transport-wide sequence number and sends the sender
 * feedback every 50 ms, so the sender's own estimator ramps up as in a direct call. The element is
 * blanked into padding before forwarding (RFC 8285 §4.2), so receivers get no such numbering and
 * estimate with abs-send-time, sending REMB (draft-alvestrand-rmcat-remb-03). A receiver's REMB is a
 * ceiling for a one-layer sender only while it signals congestion
 * ({@link org.lucarne.bridge.forward.BandwidthEstimates}); otherwise the sender hears a REMB that
 * limits nothing ({@link org.lucarne.bridge.forward.SenderRemb}).
 *
 * <p>Retransmissions come from a per-receiver cache of what was sent, still protected: jitsi-srtp
 * refuses to protect an SRTP index twice (see {@link org.lucarne.bridge.forward.PacketCache}).
 *
 * <p>Drop reasons in {@link org.lucarne.bridge.forward.ForwardingStats} are stable names.
 */
package org.lucarne.bridge.forward;
