package org.lucarne.signaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/security.md, "Who may do what", is the policy: the table there and {@link AccessPolicy}'s are the same. */
class PolicyDocumentTest {
    private static final Path DOC = Path.of("..", "docs", "security.md");
    private static final Role[] COLUMNS = {Role.NURSE, Role.WARD_MANAGER, Role.ADMIN};

    @Test
    void theDocumentedTableIsThePolicysTable() throws IOException {
        List<String[]> rows = table();
        Set<Action> documented = EnumSet.noneOf(Action.class);
        AccessPolicy policy = new AccessPolicy();
        for (String[] cells : rows) {
            String name = cells[0].replace("`", "");
            Action a = Action.fromStored(name).orElseThrow(() -> new AssertionError("no action " + name));
            documented.add(a);
            AccessPolicy.Grant g = policy.grant(a);
            for (int i = 0; i < COLUMNS.length; i++) {
                Role r = COLUMNS[i];
                String expected = g.anyWard().contains(r) ? (a.wardScoped() ? "every ward" : "yes")
                        : g.ownWard().contains(r) ? "own wards" : "—";
                assertEquals(expected, cells[2 + i], name + " for " + r.stored());
            }
            assertEquals(a.hidesExistence() ? "404" : "403", cells[5], name + ": refused with");
        }
        assertEquals(EnumSet.allOf(Action.class), documented, "every action is in the table, once");
        assertEquals(Action.values().length, rows.size());
    }

    /** The rows of the first table after the heading "Who may do what", as trimmed cells. */
    private static List<String[]> table() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int i = lines.indexOf("## Who may do what");
        assertTrue(i >= 0, "the section is in " + DOC);
        while (!lines.get(i).startsWith("| action |")) {
            i++;
        }
        List<String[]> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].strip();
            }
            rows.add(cells);
        }
        return rows;
    }
}
