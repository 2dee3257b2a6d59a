package org.lucarne.signaling.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that records what the server sends and how it closes. */
public final class WsTestClient implements WebSocket.Listener {
    /** How the server closed the socket. */
    public record Close(int code, String reason) { }

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Opens {@code /ws} with the given Origin header; fails with the HTTP status if refused. */
    public static WsTestClient connect(TestServer server, String origin) {
        return connect(server.httpClient(), server.wsUrl(), origin);
    }

    public static WsTestClient connect(HttpClient http, String url, String origin) {
        return connect(http, url, origin, null);
    }

    /** With a {@code Cookie} header (a staff browser's session), when not null or empty. */
    public static WsTestClient connect(HttpClient http, String url, String origin, String cookie) {
        WsTestClient client = new WsTestClient();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (cookie != null && !cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        client.socket = b.buildAsync(URI.create(url), client).join();
        return client;
    }

    /** The HTTP status that refused an upgrade, or -1 if it was not refused at the HTTP level. */
    public static int refusedStatus(TestServer server, String origin) {
        try {
            connect(server, origin).abort();
            return -1;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next text frame, within 5 s. */
    public String next() {
        return next(5);
    }

    /** The next text frame, within {@code seconds}. */
    public String next(int seconds) {
        try {
            String s = received.poll(seconds, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no frame from the server within " + seconds + " s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How the server closed the socket, waiting up to {@code seconds}. */
    public Close awaitClose(int seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the socket within " + seconds + " s", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public void abort() {
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(1006, String.valueOf(error)));
    }
}
