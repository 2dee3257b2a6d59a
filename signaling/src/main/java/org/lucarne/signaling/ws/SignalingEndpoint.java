package org.lucarne.signaling.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.lucarne.signaling.device.TabletConnections;
import org.lucarne.signaling.device.TabletPrincipal;
import org.lucarne.signaling.session.StaffPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adapts a Jakarta WebSocket session to a {@link SignalingConnection}; one instance per socket. */
public final class SignalingEndpoint extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingEndpoint.class);
    static final String REMOTE_ADDRESS = "jakarta.websocket.endpoint.remoteAddress";

    private final SignalingConnection.Shared shared;
    private final Connections connections;
    private final TabletConnections tablets;
    private SignalingConnection connection;

    public SignalingEndpoint(SignalingConnection.Shared shared, Connections connections, TabletConnections tablets) {
        this.shared = shared;
        this.connections = connections;
        this.tablets = tablets;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxIdleTimeout(shared.config().idleTimeout().toMillis());
        session.setMaxTextMessageBufferSize(shared.config().maxFrameBytes());
        connection = new SignalingConnection(shared, new SessionPeer(session), address(session),
                tablet(session), staff(session));
        connections.add(session);
        connection.tablet().ifPresent(t -> tablets.add(t, session));
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) connection::onText);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b ->
                new SessionPeer(session).close(SignalingConnection.CloseCodes.UNSUPPORTED_DATA,
                        "binary frames are not part of the protocol"));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        connections.remove(session);
        if (connection != null) {
            connection.tablet().ifPresent(t -> tablets.remove(t, session));
            connection.closed();
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("socket error on {}", connection == null ? "?" : connection.id(), error);
    }

    /** The tablet the upgrade guard verified on the kiosk listener, if any. */
    private static Optional<String> tablet(Session session) {
        return session.getUserPrincipal() instanceof TabletPrincipal t ? Optional.of(t.tabletId()) : Optional.empty();
    }

    /** The member of staff whose session cookie the upgrade guard found valid, if any. */
    private static Optional<StaffPrincipal> staff(Session session) {
        return session.getUserPrincipal() instanceof StaffPrincipal s ? Optional.of(s) : Optional.empty();
    }

    private static String address(Session session) {
        Object a = session.getUserProperties().get(REMOTE_ADDRESS);
        if (a instanceof InetSocketAddress isa) {
            return isa.getAddress() == null ? isa.getHostString() : isa.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }

    /** Sends asynchronously; a failed send closes nothing by itself (the idle timeout will). */
    private record SessionPeer(Session session) implements SignalingConnection.Peer {
        @Override
        public void send(String text) {
            if (session.isOpen()) {
                session.getAsyncRemote().sendText(text);
            }
        }

        @Override
        public void close(int code, String reason) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException e) {
                LOG.debug("close failed", e);
            }
        }
    }
}
