package org.lucarne.signaling.staff;

import java.time.ZoneId;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.session.ActiveSession;
import org.lucarne.signaling.session.SessionTokens;
import org.lucarne.signaling.ward.WardRef;

/** The JSON shapes of docs/staff-api.md: {@code <user>} and {@code <session>}. */
final class StaffJson {
    private StaffJson() {
    }

    /** {@code {"id", "username", "displayName", "role", "wards": [{"id", "name"}], "sso"}}. */
    static ObjectNode user(StaffUser u) {
        ObjectNode o = Json.object();
        o.put("id", u.id());
        o.put("username", u.username());
        o.put("displayName", u.displayName());
        o.put("role", u.role().stored());
        ArrayNode wards = o.putArray("wards");
        for (WardRef w : u.wards()) {
            wards.addObject().put("id", w.id()).put("name", w.name());
        }
        o.put("sso", u.sso());
        return o;
    }

    /** {@code <user>} with what an admin's list also shows. */
    static ObjectNode userForAdmin(StaffUser u) {
        return user(u).put("active", u.active()).put("hasSecondFactor", u.secondFactor());
    }

    /** {@code {"user", "csrf", "idleTimeoutSeconds", "expiresAt"}}. */
    static ObjectNode session(StaffUser u, ActiveSession s, String token, long idleTimeoutSeconds, ZoneId zone) {
        ObjectNode o = Json.object();
        o.set("user", user(u));
        o.put("csrf", SessionTokens.csrf(token));
        o.put("idleTimeoutSeconds", idleTimeoutSeconds);
        o.put("timeZone", zone.getId());
        o.put("expiresAt", s.expiresAt().toEpochMilli());
        return o;
    }
}
