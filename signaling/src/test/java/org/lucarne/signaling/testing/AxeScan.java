package org.lucarne.signaling.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deque's axe-core accessibility rules, run in a real page: the WCAG 2.2 A and AA rules
 * ({@link #WCAG_TAGS}), their violations as readable text.
 *
 * <pre>
 *   AxeScan.assertNoViolations(page, "family lobby");
 * </pre>
 *
 * <p>axe-core is not in the repository: {@code ./lucarne test} fetches {@value #VERSION} from npm,
 * checks its integrity, keeps it in {@code ~/.cache/lucarne/axe-core-VERSION/axe.min.js} and tells
 * the tests where through {@code LUCARNE_AXE}. It is evaluated in the page through the browser's
 * debugging protocol, which the pages' Content-Security-Policy does not govern, so the pages keep
 * their policy as served.
 */
public final class AxeScan {
    /** The axe-core release the rules come from; ./lucarne pins the same. */
    public static final String VERSION = "4.14.1";
    /** WCAG 2.0, 2.1 and 2.2, levels A and AA (axe's tags). */
    public static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = """
            async (tags) => {
              const result = await window.axe.run(document, {
                runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map((v) => ({
                rule: v.id, impact: v.impact || 'unknown', help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target.map((t) => [].concat(t).join(' >>> ')),
                                             summary: n.failureSummary || '' })) })));
            }
            """;
    private static String source;

    private AxeScan() {
    }

    /** One element that breaks a rule: its selectors (outermost first) and what axe says to fix. */
    public record Node(List<String> target, String summary) {
    }

    /** One rule broken on the page, with every element that breaks it. */
    public record Violation(String rule, String impact, String help, List<Node> nodes) {
        /** "color-contrast (serious): Elements must meet minimum color contrast ratio thresholds", then each element. */
        public String describe() {
            StringBuilder b = new StringBuilder(rule).append(" (").append(impact).append("): ").append(help);
            for (Node n : nodes) {
                b.append("\n    ").append(String.join(", ", n.target()));
                for (String line : n.summary().split("\n")) {
                    if (!line.isBlank()) {
                        b.append("\n      ").append(line.strip());
                    }
                }
            }
            return b.toString();
        }
    }

    /** Runs the WCAG A and AA rules on the page as it is now (axe looks only at what is shown). */
    public static List<Violation> scan(Page page) {
        inject(page);
        try {
            List<Violation> out = new ArrayList<>();
            for (JsonNode v : JSON.readTree((String) page.evaluate(RUN, WCAG_TAGS))) {
                List<Node> nodes = new ArrayList<>();
                for (JsonNode n : v.get("nodes")) {
                    List<String> target = new ArrayList<>();
                    n.get("target").forEach(t -> target.add(t.asText()));
                    nodes.add(new Node(List.copyOf(target), n.get("summary").asText()));
                }
                out.add(new Violation(v.get("rule").asText(), v.get("impact").asText(), v.get("help").asText(),
                        List.copyOf(nodes)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new AssertionError("axe-core's result is not JSON: " + e.getMessage(), e);
        }
    }

    /** Fails with every violation, described, when the page as it is now breaks a rule; {@code screen} names it. */
    public static void assertNoViolations(Page page, String screen) {
        List<Violation> violations = scan(page);
        if (!violations.isEmpty()) {
            StringBuilder b = new StringBuilder(screen).append(": ").append(violations.size())
                    .append(" WCAG 2.2 A/AA rule(s) broken (axe-core ").append(VERSION).append(')');
            violations.forEach(v -> b.append("\n  ").append(v.describe()));
            throw new AssertionError(b.toString());
        }
    }

    /** Puts axe into the page once (a navigation removes it). */
    private static void inject(Page page) {
        if (Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            return;
        }
        page.evaluate("source => { (0, eval)(source); }", source());
        Object version = page.evaluate("() => window.axe && window.axe.version");
        if (!VERSION.equals(version)) {
            throw new AssertionError("axe-core " + VERSION + " expected in the page, found " + version
                    + " (at " + file() + ")");
        }
    }

    private static synchronized String source() {
        if (source == null) {
            Path file = file();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("axe-core " + VERSION + " is not at " + file + ": run ./lucarne test, "
                        + "which fetches and checks it (or set LUCARNE_AXE to its axe.min.js)");
            }
            try {
                source = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return source;
    }

    /** {@code LUCARNE_AXE}, else where ./lucarne test keeps it. */
    private static Path file() {
        String configured = System.getenv("LUCARNE_AXE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lucarne").resolve("axe-core-" + VERSION).resolve("axe.min.js");
    }
}
