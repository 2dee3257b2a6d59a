package org.lucarne.signaling.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: overall status and each part's. 200 when every part is up, 503 when
 * one is down, so a load balancer or monitoring can use the status code alone.
 */
public final class HealthServlet extends HttpServlet {
    /** The state of one part (storage, bridge …). */
    public record Part(boolean up, String detail) { }

    private final transient Map<String, Supplier<Part>> parts;
    private final transient ObjectMapper json = new ObjectMapper();
    private final String version;

    public HealthServlet(String version, Map<String, Supplier<Part>> parts) {
        this.version = version;
        this.parts = Map.copyOf(parts);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode body = json.createObjectNode();
        ObjectNode partsNode = json.createObjectNode();
        boolean allUp = true;
        for (var e : new java.util.TreeMap<>(parts).entrySet()) {
            Part p;
            try {
                p = e.getValue().get();
            } catch (RuntimeException failure) {
                p = new Part(false, "check failed: " + failure.getClass().getSimpleName());
            }
            allUp &= p.up();
            partsNode.putObject(e.getKey()).put("status", p.up() ? "up" : "down").put("detail", p.detail());
        }
        body.put("status", allUp ? "up" : "down");
        body.put("version", version);
        body.set("parts", partsNode);
        resp.setStatus(allUp ? 200 : 503);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        json.writeValue(resp.getOutputStream(), body);
    }
}
