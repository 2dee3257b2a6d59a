package org.lucarne.signaling.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.ward.WardRef;

class ReportCsvTest {
    private static final Figures DAY = new Figures(12, 1, 0, 8, 2, 1, 7, OptionalLong.of(1470), OptionalLong.of(1500));
    private static final Figures EMPTY = new Figures(0, 0, 0, 0, 0, 0, 0, OptionalLong.empty(), OptionalLong.empty());
    private static final ReportPeriod PERIOD = new ReportPeriod(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-03-02"));

    private static WardReport ward() {
        return new WardReport(new WardRef("icu", "Réanimation"), ZoneId.of("Europe/Paris"), PERIOD,
                List.of(new WardReport.Day(PERIOD.from(), DAY), new WardReport.Day(PERIOD.to(), EMPTY)), DAY);
    }

    @Test
    void forAFrenchSpreadsheetUtf8WithABomSemicolonsDecimalCommasAndCrlf() {
        byte[] bytes = ReportCsv.ward(ward(), "fr");
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "the BOM");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertEquals("Jour;Réservées;Prévues;Prêtes;Terminées;Annulées;Personne n’est venu;Appels;"
                + "Durée moyenne (min);Durée médiane (min);Terminées (%);Annulées (%);Personne n’est venu (%)\r\n"
                + "2026-03-01;12;1;0;8;2;1;7;24,5;25,0;72,7;18,2;9,1\r\n"
                + "2026-03-02;0;0;0;0;0;0;0;;;;;\r\n"
                + "Total;12;1;0;8;2;1;7;24,5;25,0;72,7;18,2;9,1\r\n", text);
    }

    @Test
    void theHeaderRowInEnglishForAnEnglishReader() {
        String text = new String(ReportCsv.ward(ward(), "en"), StandardCharsets.UTF_8);
        assertEquals("\uFEFFDay;Booked;Scheduled;Ready;Completed;Cancelled;No-show;Calls;Average length (min);"
                + "Median length (min);Completed (%);Cancelled (%);No-show (%)", text.split("\r\n")[0]);
    }

    @Test
    void aRowPerWardThenTheTotal() {
        HospitalReport r = new HospitalReport(PERIOD, List.of(
                new HospitalReport.WardRow(new WardRef("a", "Cardio; étage 2"), ZoneId.of("Europe/Paris"), DAY),
                new HospitalReport.WardRow(new WardRef("b", "=HYPERLINK(\"x\")"), ZoneId.of("Europe/Paris"), EMPTY)),
                DAY);
        String[] lines = new String(ReportCsv.hospital(r, "en"), StandardCharsets.UTF_8).split("\r\n");
        assertEquals(4, lines.length);
        assertEquals("\uFEFFWard;Booked", lines[0].substring(0, 12));
        assertEquals("\"Cardio; étage 2\";12;", lines[1].substring(0, 21), "a separator in a name is quoted");
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\";0;", lines[2].substring(0, 23),
                "a name a spreadsheet would run as a formula is text, its quotes doubled");
        assertEquals("Total;12;", lines[3].substring(0, 9));
    }

    @Test
    void fieldsFollowRfc4180() {
        assertEquals("plain", ReportCsv.field("plain"));
        assertEquals("\"a\"\"b\"", ReportCsv.field("a\"b"));
        assertEquals("\"two\nlines\"", ReportCsv.field("two\nlines"));
        assertEquals("'+33", ReportCsv.field("+33"));
        assertEquals("'-1", ReportCsv.field("-1"));
        assertEquals("'@sum", ReportCsv.field("@sum"));
        assertEquals("", ReportCsv.field(""));
    }
}
