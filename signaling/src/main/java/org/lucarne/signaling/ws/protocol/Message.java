package org.lucarne.signaling.ws.protocol;

import java.util.List;

/**
 * Every message of the signaling protocol, version 1 (docs/protocol.md). Adding a type means
 * adding a record here (or in {@link CallMessage}, {@link TabletMessage}, {@link BindingMessage} or
 * {@link RelayMessage}), a case in {@link ProtocolCodec} (or {@link CallCodec}, {@link TabletCodec},
 * {@link BindingCodec}, {@link RelayCodec}), the same in web-client/app/shared/protocol.js, and fixtures in
 * docs/protocol/fixtures.json.
 */
public sealed interface Message
        permits Message.Hello, Message.Welcome, Message.Ping, Message.Pong, Message.Error, Message.WardChanged,
        Message.NextVisit, CallMessage, TabletMessage, BindingMessage, RelayMessage {

    /** The wire name of each type; switches over it are exhaustive (Java 17 has no sealed switch). */
    enum Type {
        HELLO(true), WELCOME(false), PING(true), PONG(false), ERROR(false),
        // Calls, client → server (docs/protocol.md, "Calls")
        JOIN(true), ANSWER(true), DECLINE(true), ADMIT(true), LEAVE(true), END(true),
        MEDIA_STATE(true), SDP_ANSWER(true), ICE_RESTART(true), LINK_QUALITY(true), VIDEO_SIZES(true),
        // Calls, server → client
        VISIT_READY(false), RING(false), LOBBY(false), WAITING(false), JOINED(false),
        PARTICIPANT_JOINED(false), PARTICIPANT_LEFT(false), PARTICIPANT_MEDIA(false), PARTICIPANT_LINK(false),
        PARTICIPANT_RECONNECTING(false), SDP_OFFER(false), ENDED(false),
        // Staff, server → client (docs/protocol.md, "Staff")
        WARD_CHANGED(false),
        // Kiosk, server → client (docs/protocol.md, "Kiosk")
        NEXT_VISIT(false),
        // The tablet's health and "do not disturb" (docs/protocol.md, "Tablet")
        TABLET_STATUS(true), DO_NOT_DISTURB(true), DO_NOT_DISTURB_STATE(false),
        // End-to-end encryption: devices and circles (docs/protocol.md, "Devices and circles")
        E2EE_HELLO(true), E2EE_CHALLENGE(false), E2EE_BIND(true), E2EE_BOUND(false), E2EE_REFUSED(false),
        E2EE_IDENTITY(true), E2EE_CIRCLE(false), E2EE_WAITING_DEVICE(false), E2EE_ADMIT_DEVICE(true),
        E2EE_DEVICE_DECIDED(false),
        // The end-to-end encryption relay (docs/protocol.md, "Messages")
        E2EE_PREKEYS(true), E2EE_BUNDLE_GET(true), E2EE_SEND(true), E2EE_ACK(true), E2EE_BLOB_PUT(true),
        E2EE_BLOB_GET(true), E2EE_PREKEYS_STATE(false), E2EE_BUNDLE(false), E2EE_SENT(false), E2EE_DELIVERED(false),
        E2EE_DELIVER(false), E2EE_BLOB_STORED(false), E2EE_BLOB_CHUNK(false), E2EE_LINK_SECRET(false);

        private final boolean fromClient;

        Type(boolean fromClient) {
            this.fromClient = fromClient;
        }

        /** True for the types a client sends, false for those the server sends. */
        public boolean fromClient() {
            return fromClient;
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Type type();

    /** Which app is on the other end of the socket. */
    enum App {
        FAMILY, KIOSK, STAFF;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Client → server, first message on every connection. */
    record Hello(App app, String appVersion) implements Message {
        @Override
        public Type type() {
            return Type.HELLO;
        }
    }

    /** Server → client, answer to {@link Hello}. */
    record Welcome(String session, String server, int heartbeatSeconds, int idleTimeoutSeconds)
            implements Message {
        @Override
        public Type type() {
            return Type.WELCOME;
        }
    }

    /** Client → server heartbeat. */
    record Ping(long seq) implements Message {
        @Override
        public Type type() {
            return Type.PING;
        }
    }

    /** Server → client, answer to {@link Ping} with the same sequence number. */
    record Pong(long seq) implements Message {
        @Override
        public Type type() {
            return Type.PONG;
        }
    }

    /** Server → client: the last frame was refused; the connection stays open. */
    record Error(ErrorCode code, String message) implements Message {
        @Override
        public Type type() {
            return Type.ERROR;
        }
    }

    /**
     * Server → staff: something about a visit of this ward changed (a call, a tablet, a booking); read
     * the ward's day again through the staff API. A hint with the ward's id only, sent only to the
     * signed-in staff sockets whose member may view that ward.
     */
    record WardChanged(String ward) implements Message {
        @Override
        public Type type() {
            return Type.WARD_CHANGED;
        }
    }

    /**
     * Server → kiosk, after {@code welcome} and whenever the tablet's next visit changes: what the idle
     * screen shows. {@code ward} is the ward's name; {@code language} the patient's (ISO 639-1, null when
     * no patient is in the bed); {@code visit}, {@code startsAt} (milliseconds since the epoch, UTC) and
     * {@code names} (the invited family members' display names, possibly none) are all null when no visit
     * is booked. Names are personal data: sent to that tablet only, never logged.
     */
    record NextVisit(String ward, String language, String visit, Long startsAt, List<String> names)
            implements Message {
        public NextVisit {
            names = names == null ? null : List.copyOf(names);
            if ((visit == null) != (startsAt == null) || (visit == null) != (names == null)) {
                throw new IllegalArgumentException("visit, startsAt and names go together");
            }
        }

        /** No visit booked. */
        public static NextVisit none(String ward, String language) {
            return new NextVisit(ward, language, null, null, null);
        }

        @Override
        public Type type() {
            return Type.NEXT_VISIT;
        }
    }
}
