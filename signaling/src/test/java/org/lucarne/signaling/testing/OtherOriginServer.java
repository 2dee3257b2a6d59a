package org.lucarne.signaling.testing;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Another web site on this machine (https://localhost:OTHER_PORT, same trusted certificate, no
 * Lucarne headers): what a page of a foreign origin looks like to Lucarne's server.
 */
public final class OtherOriginServer implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;

    public OtherOriginServer(TestServer lucarne) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(lucarne.server().tls().keystore().toString());
        ssl.setKeyStorePassword(lucarne.server().tls().password());
        ssl.setKeyStoreType("PKCS12");
        jetty = new Server();
        connector = new ServerConnector(jetty, ssl);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
                Content.Sink.write(response, true, "<!doctype html><title>other site</title><p>another site",
                        callback);
                return true;
            }
        });
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String origin() {
        return "https://localhost:" + connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // test teardown
        }
    }
}
