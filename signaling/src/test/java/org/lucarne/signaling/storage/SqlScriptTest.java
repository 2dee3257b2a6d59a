package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        String script = """
                -- header; with a semicolon
                CREATE TABLE a (id TEXT); /* block; comment */
                INSERT INTO a VALUES ('x;y'), ('it''s; fine');
                CREATE TABLE "odd;name" (id TEXT)
                """;
        assertEquals(List.of("CREATE TABLE a (id TEXT)",
                "INSERT INTO a VALUES ('x;y'), ('it''s; fine')",
                "CREATE TABLE \"odd;name\" (id TEXT)"), SqlScript.statements(script));
    }

    @Test
    void skipsEmptyStatementsAndCommentOnlyTail() {
        assertEquals(List.of("SELECT 1"), SqlScript.statements(";;\n SELECT 1 ;\n -- done\n"));
        assertEquals(List.of(), SqlScript.statements("-- nothing\n/* at all */"));
    }

    @Test
    void refusesUnterminatedQuotesAndComments() {
        assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 'oops"));
        assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 1 /* oops"));
    }
}
