package org.lucarne.signaling.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The reports as CSV for a spreadsheet (docs/staff-api.md, "Reports"), made for a French hospital's computers:
 * UTF-8 with a byte order mark (so that Excel reads the accents), fields separated by {@code ;} and decimals
 * written with a comma, as spreadsheets set to French read them; lines end in CRLF and a field holding
 * {@code ;}, a quote or a line break is quoted (RFC 4180, section 2). The header row is in the caller's language.
 * Counts only: the one text field is a ward's name, and one that a spreadsheet would take for a formula
 * ({@code = + - @}) is written with a leading apostrophe.
 */
final class ReportCsv {
    static final String TYPE = "text/csv; charset=utf-8; header=present";
    static final char SEPARATOR = ';';
    private static final String BOM = "\uFEFF";
    private static final String CRLF = "\r\n";

    private static final List<String> FIGURES_EN = List.of("Booked", "Scheduled", "Ready", "Completed", "Cancelled",
            "No-show", "Calls", "Average length (min)", "Median length (min)", "Completed (%)", "Cancelled (%)",
            "No-show (%)");
    private static final List<String> FIGURES_FR = List.of("Réservées", "Prévues", "Prêtes", "Terminées", "Annulées",
            "Personne n’est venu", "Appels", "Durée moyenne (min)", "Durée médiane (min)", "Terminées (%)",
            "Annulées (%)", "Personne n’est venu (%)");

    private ReportCsv() {
    }

    /** A row per day, then the period's total; {@code language} {@code fr} or {@code en}. */
    static byte[] ward(WardReport r, String language) {
        boolean fr = "fr".equals(language);
        StringBuilder out = new StringBuilder(BOM);
        List<String> header = new ArrayList<>();
        header.add(fr ? "Jour" : "Day");
        header.addAll(fr ? FIGURES_FR : FIGURES_EN);
        row(out, header);
        for (WardReport.Day d : r.days()) {
            row(out, d.date().toString(), d.figures());
        }
        row(out, "Total", r.totals());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A row per ward, then the total of them all. */
    static byte[] hospital(HospitalReport r, String language) {
        boolean fr = "fr".equals(language);
        StringBuilder out = new StringBuilder(BOM);
        List<String> header = new ArrayList<>();
        header.add(fr ? "Service" : "Ward");
        header.addAll(fr ? FIGURES_FR : FIGURES_EN);
        row(out, header);
        for (HospitalReport.WardRow w : r.wards()) {
            row(out, w.ward().name(), w.figures());
        }
        row(out, "Total", r.totals());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, String first, Figures f) {
        row(out, List.of(first, Integer.toString(f.booked()), Integer.toString(f.scheduled()),
                Integer.toString(f.ready()), Integer.toString(f.completed()), Integer.toString(f.cancelled()),
                Integer.toString(f.noShow()), Integer.toString(f.calls()), minutes(f.averageLengthSeconds()),
                minutes(f.medianLengthSeconds()), percent(f.completedRate()), percent(f.cancelledRate()),
                percent(f.noShowRate())));
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            out.append(field(fields.get(i)));
        }
        out.append(CRLF);
    }

    /** One field: a would-be formula defused, then quoted if it must be (RFC 4180, section 2, rules 6 and 7). */
    static String field(String text) {
        String t = text;
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        if (t.indexOf(SEPARATOR) >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
            return '"' + t.replace("\"", "\"\"") + '"';
        }
        return t;
    }

    /** Seconds as minutes with one decimal and a decimal comma ({@code 24,5}); empty when there is none. */
    static String minutes(OptionalLong seconds) {
        return seconds.isPresent() ? String.format(Locale.FRANCE, "%.1f", seconds.getAsLong() / 60.0) : "";
    }

    /** A share as a percentage with one decimal and a decimal comma ({@code 72,7}); empty when there is none. */
    static String percent(OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.FRANCE, "%.1f", share.getAsDouble() * 100) : "";
    }
}
