package org.lucarne.signaling.http;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which TLS versions the server accepts, probed with hand-built ClientHellos (RFC 5246 §7.4.1.2)
 * so the answer is the server's, not the test client's own restrictions.
 */
class TlsVersionsIT {
    private static final int TLS_1_0 = 0x0301;
    private static final int TLS_1_1 = 0x0302;
    private static final int TLS_1_2 = 0x0303;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What the server answered: a ServerHello with a version, an alert, or nothing. */
    private record Answer(String kind, int version) { }

    @Test
    void tls11AndTls10AreRefused() throws IOException {
        assertEquals("refused", probe(TLS_1_1).kind());
        assertEquals("refused", probe(TLS_1_0).kind());
    }

    @Test
    void tls12IsAccepted() throws IOException {
        Answer a = probe(TLS_1_2);
        assertEquals("server-hello", a.kind());
        assertEquals(TLS_1_2, a.version());
    }

    @Test
    void tls13IsNegotiatedByAModernClient() throws IOException {
        try (SSLSocket s = (SSLSocket) server.trustingSslContext().getSocketFactory()
                .createSocket("localhost", server.server().httpsPort())) {
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
    }

    private static Answer probe(int version) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.server().httpsPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(clientHello(version));
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int contentType = in.readUnsignedByte();
            in.readUnsignedShort(); // record version
            in.readUnsignedShort(); // record length
            if (contentType == 21) { // alert
                return new Answer("refused", 0);
            }
            if (contentType == 22 && in.readUnsignedByte() == 2) { // handshake: ServerHello
                in.readUnsignedByte();
                in.readUnsignedShort(); // 24-bit length
                return new Answer("server-hello", in.readUnsignedShort());
            }
            return new Answer("other:" + contentType, 0);
        } catch (EOFException | SocketException e) {
            return new Answer("refused", 0);
        }
    }

    private static byte[] clientHello(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        int[] suites = {0xc02b, 0xc02f, 0xc009, 0xc00a, 0xc013, 0xc014, 0x002f, 0x0035};
        u16(body, suites.length * 2);
        for (int c : suites) {
            u16(body, c);
        }
        body.write(1);
        body.write(0); // null compression

        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        byte[] host = "localhost".getBytes(StandardCharsets.US_ASCII);
        extension(ext, 0x0000, bytes -> { // server_name
            u16(bytes, host.length + 3);
            bytes.write(0);
            u16(bytes, host.length);
            bytes.writeBytes(host);
        });
        extension(ext, 0x000a, bytes -> { // supported_groups: secp256r1, x25519
            u16(bytes, 4);
            u16(bytes, 0x0017);
            u16(bytes, 0x001d);
        });
        extension(ext, 0x000b, bytes -> { // ec_point_formats: uncompressed
            bytes.write(1);
            bytes.write(0);
        });
        extension(ext, 0x000d, bytes -> { // signature_algorithms
            u16(bytes, 6);
            u16(bytes, 0x0403);
            u16(bytes, 0x0804);
            u16(bytes, 0x0401);
        });
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1); // ClientHello
        handshake.write(0);
        u16(handshake, body.size());
        handshake.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22);
        u16(record, TLS_1_0);
        u16(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    private interface Writer {
        void write(ByteArrayOutputStream out);
    }

    private static void extension(ByteArrayOutputStream out, int type, Writer w) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        w.write(data);
        u16(out, type);
        u16(out, data.size());
        out.writeBytes(data.toByteArray());
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xff);
        out.write(v & 0xff);
    }
}
