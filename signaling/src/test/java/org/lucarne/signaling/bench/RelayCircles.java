package org.lucarne.signaling.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.visit.Visits;

/**
 * The relay benchmark's devices: circles of {@code size} (a patient and a visit each, a contact and an invite a
 * device), each device bound through its own invite over its own socket as a browser binds it
 * ({@code hello}, {@code e2ee_hello}, {@code e2ee_bind}).
 */
final class RelayCircles {
    private RelayCircles() {
    }

    static List<RelayDevice> connect(TestServer server, Path dir, int count, int size) throws Exception {
        CallSockets sockets = new CallSockets(server, dir);
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().sslContext(server.trustingSslContext()).build();
        List<RelayDevice> all = new ArrayList<>();
        for (int c = 0; c * size < count; c++) {
            CallSockets.TestVisit visit = sockets.book(clock, Duration.ofHours(4), "Patient " + c, "Contact " + c + "-0");
            RelayDevice[] circle = new RelayDevice[Math.min(size, count - c * size)];
            for (int i = 0; i < circle.length; i++) {
                String invite = i == 0 ? visit.invite() : invite(server, clock, visit, "c" + c + "-" + i);
                RelayDevice d = new RelayDevice();
                d.circle = circle;
                d.open(http, server.wsUrl(), server.origin());
                d.send(RelayDevice.hello());
                d.next("welcome");
                d.send(CallSockets.challengeMe());
                String nonce = d.next("e2ee_challenge").get("nonce").asText();
                d.send(d.keys.bindFrame(server.origin(), invite, nonce));
                d.next("e2ee_bound");
                circle[i] = d;
                all.add(d);
            }
        }
        return all;
    }

    /** Another contact of the visit's patient, invited to it: the new invite's id. */
    private static String invite(TestServer server, Clock clock, CallSockets.TestVisit visit, String contactId) {
        var db = server.server().database();
        db.inTransaction(c -> {
            SealedRows.contact(c, server.server().personalData(), contactId, visit.patientId(), "Family " + contactId,
                    clock.millis());
            return null;
        });
        Invite invite = new Invites(db, clock).create(contactId, clock.instant(), visit.endsAt());
        new Visits(db, clock).attachInvite(visit.visitId(), invite.id());
        return invite.id().value();
    }
}
