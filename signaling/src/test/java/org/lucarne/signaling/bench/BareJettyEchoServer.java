package org.lucarne.signaling.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The ceiling the benchmark compares Lucarne with: the same Jetty, thread pool, connector and TLS
 * settings as {@code LucarneServer}, and a Jakarta WebSocket endpoint at {@code /ws} that answers
 * every text frame with a pong of the same shape and size as Lucarne's, without Origin check, rate
 * limit, codec or per-connection state. {@code GET /health} answers 200 so that both servers are
 * started and awaited the same way.
 *
 * <pre>BareJettyEchoServer --port P --keystore server.p12 --password-file password --idle-timeout-seconds S</pre>
 */
public final class BareJettyEchoServer {
    private static final String PING_PREFIX = "{\"v\":1,\"type\":\"ping\",";
    private static final String PONG_PREFIX = "{\"v\":1,\"type\":\"pong\",";
    private static final String DEFAULT_PONG = "{\"v\":1,\"type\":\"pong\",\"seq\":0}";

    private BareJettyEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path keystore = null;
        Path passwordFile = null;
        Duration idle = Duration.ofSeconds(60);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--keystore" -> keystore = Path.of(args[i + 1]);
                case "--password-file" -> passwordFile = Path.of(args[i + 1]);
                case "--idle-timeout-seconds" -> idle = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || keystore == null || passwordFile == null) {
            System.err.println("usage: BareJettyEchoServer --port P --keystore FILE --password-file FILE"
                    + " [--idle-timeout-seconds S]");
            System.exit(2);
        }
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        Server server = create(port, keystore, password, idle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                // exiting anyway
            }
        }, "bare-jetty-shutdown"));
        System.out.println("bare Jetty echo server listening on 127.0.0.1:"
                + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        server.join();
    }

    /** The same transport as {@code LucarneServer.buildJetty()}, with only the echo behind it. */
    static Server create(int port, Path keystore, String password, Duration idle) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("bare-http");
        Server server = new Server(threads);

        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.addCustomizer(new SecureRequestCustomizer());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStorePassword(password);
        ssl.setKeyStoreType("PKCS12");
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ServerConnector https = new ServerConnector(server, 1, 2, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(httpConfig));
        https.setHost("127.0.0.1");
        https.setPort(port);
        https.setAcceptQueueSize(1024);
        server.addConnector(https);

        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("health", new Health()), "/health");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(64 * 1024);
            container.setDefaultMaxSessionIdleTimeout(idle.toMillis());
            container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/ws").build());
        });
        server.setHandler(context);
        return server;
    }

    /**
     * {@code {"v":1,"type":"ping","seq":K}} becomes {@code {"v":1,"type":"pong","seq":K}}: the bytes of
     * Lucarne's pong, made by swapping one word instead of parsing. Anything else gets a pong with seq 0.
     */
    static String pongFor(String text) {
        return text.startsWith(PING_PREFIX) ? PONG_PREFIX + text.substring(PING_PREFIX.length()) : DEFAULT_PONG;
    }

    /** One instance per socket, as in Lucarne; it sends the way Lucarne does (async remote). */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class,
                    (MessageHandler.Whole<String>) text -> session.getAsyncRemote().sendText(pongFor(text)));
        }
    }

    /** 200 once the server listens. */
    private static final class Health extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/json");
            resp.getWriter().write("{\"status\":\"up\"}");
        }
    }
}
