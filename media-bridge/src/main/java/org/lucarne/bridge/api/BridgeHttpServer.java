package org.lucarne.bridge.api;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.lucarne.bridge.conference.Conferences;
import org.lucarne.bridge.forward.ForwardingStats;

/** The bridge's HTTP API on Jetty: {@link BridgeApi}'s routes, behind the shared secret when there is one. */
public final class BridgeHttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final String host;
    private final int port;

    /**
     * @param sharedSecret when present, every request needs {@code Authorization: Bearer <secret>}
     * @param udpOpen      whether the media UDP port is open, for {@code /about/health}
     */
    public BridgeHttpServer(String host, int port, Optional<String> sharedSecret, Conferences conferences,
                            ForwardingStats stats, TrafficRates rates, Clock clock, BooleanSupplier udpOpen,
                            String udpAddress) {
        this.host = host;
        this.port = port;
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("bridge-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        StatsReport report = new StatsReport(conferences, stats, rates, clock);
        Handler api = new BridgeApi(conferences, report::toJson, udpOpen, udpAddress);
        if (sharedSecret.isPresent()) {
            api = new BearerAuth(sharedSecret.get(), api);
        }
        server.setHandler(new RequestLogging(api));
        server.setErrorHandler(BridgeHttpServer::jettyError);
        server.setStopTimeout(2_000);
    }

    /** Errors Jetty answers itself (a malformed request line, say): JSON, no stack trace. */
    private static boolean jettyError(Request request, org.eclipse.jetty.server.Response response,
                                      org.eclipse.jetty.util.Callback callback) {
        Object status = request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_STATUS);
        int code = status instanceof Integer i ? i : 500;
        JsonAnswers.error(response, callback, code, code >= 500 ? "internal error" : "bad request");
        return true;
    }

    /** @throws IOException naming the address when the port is taken or the host is not local */
    public void start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            close();
            Throwable cause = e instanceof IOException && e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof BindException || e instanceof BindException
                    ? "the port is taken or the address is not one of this machine's"
                    : String.valueOf(e.getMessage());
            throw new IOException("cannot listen for HTTP on " + host + ":" + port
                    + " (LUCARNE_BRIDGE_HTTP_HOST / LUCARNE_BRIDGE_HTTP_PORT): " + why, e);
        }
    }

    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        if (h.equals("0.0.0.0")) {
            h = "127.0.0.1";
        }
        return URI.create("http://" + h + ":" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: nothing more to do
        }
    }
}
