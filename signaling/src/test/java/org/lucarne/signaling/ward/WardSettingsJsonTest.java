package org.lucarne.signaling.ward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;

/** Ward settings as the console sends them: every problem names its field, down to the span. */
class WardSettingsJsonTest {
    private static final String WEEK = """
            "monday": [{"opens": "14:00", "closes": "18:00"}, {"opens": "10:00", "closes": "12:30"}],
            "tuesday": [{"opens": "10:00", "closes": "12:00"}],
            "wednesday": [],
            "thursday": [{"opens": "00:00", "closes": "24:00"}],
            "friday": [{"opens": "9:30", "closes": "20:00"}],
            "saturday": [{"opens": "10:00", "closes": "20:00"}],
            "sunday": [{"opens": "10:00", "closes": "20:00"}]""";

    private static String body(String hours, String rest) {
        return "{\"timeZone\": \"Europe/Paris\", \"visitingHours\": {" + hours + "}, " + rest + "}";
    }

    private static String body() {
        return body(WEEK, "\"visitLengthMinutes\": [30, 15, 60], \"cleaningBufferMinutes\": 10, \"dailyCap\": 2,"
                + " \"reminderMinutes\": [15, 1440]");
    }

    private static WardSettings read(String json) {
        return WardSettingsJson.read(JsonBody.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWholeWeekIsReadWithListsPutInOrder() {
        WardSettings s = read(body());
        assertEquals(ZoneId.of("Europe/Paris"), s.timeZone());
        assertEquals(List.of(new WardSettings.Span(600, 750), new WardSettings.Span(840, 1080)),
                s.spans(DayOfWeek.MONDAY));
        assertEquals(List.of(), s.spans(DayOfWeek.WEDNESDAY), "an empty day takes no visit");
        assertEquals(List.of(new WardSettings.Span(0, 1440)), s.spans(DayOfWeek.THURSDAY));
        assertEquals(List.of(new WardSettings.Span(570, 1200)), s.spans(DayOfWeek.FRIDAY));
        assertEquals(List.of(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60)), s.visitLengths());
        assertEquals(Duration.ofMinutes(10), s.cleaningBuffer());
        assertEquals(2, s.dailyCap());
        assertEquals(List.of(Duration.ofMinutes(1440), Duration.ofMinutes(15)), s.reminders());
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        WardSettings s = read(body());
        JsonNode written = WardSettingsJson.write(s);
        assertEquals("14:00", written.get("visitingHours").get("monday").get(1).get("opens").asText());
        assertEquals("24:00", written.get("visitingHours").get("thursday").get(0).get("closes").asText());
        assertEquals(0, written.get("visitingHours").get("wednesday").size(), "every day is written");
        assertEquals(s, read(written.toString()));
        assertEquals(WardSettings.defaults(ZoneId.of("UTC")),
                read(WardSettingsJson.write(WardSettings.defaults(ZoneId.of("UTC"))).toString()));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # replace                                    | with                                   | field
            `"wednesday": [],`                           | ``                                     | visitingHours.wednesday
            `"wednesday": [],`                           | `"wednesday": [], "funday": [],`       | visitingHours.funday
            `"wednesday": [],`                           | `"wednesday": {},`                     | visitingHours.wednesday
            `"wednesday": [],`                           | `"wednesday": [1],`                    | visitingHours.wednesday[0]
            `"wednesday": [],`                           | `"wednesday": [{"opens": "10:00"}],`   | visitingHours.wednesday[0].closes
            `"wednesday": [],`                           | `"wednesday": [{"opens": "10:00", "closes": "11:00", "x": 1}],` | visitingHours.wednesday[0].x
            `{"opens": "10:00", "closes": "12:00"}],`    | `{"opens": "10h", "closes": "12:00"}],` | visitingHours.tuesday[0].opens
            `{"opens": "10:00", "closes": "12:00"}],`    | `{"opens": "10:00", "closes": "12:60"}],` | visitingHours.tuesday[0].closes
            `{"opens": "10:00", "closes": "12:00"}],`    | `{"opens": "24:00", "closes": "24:00"}],` | visitingHours.tuesday[0].opens
            `{"opens": "10:00", "closes": "12:00"}],`    | `{"opens": "12:00", "closes": "10:00"}],` | visitingHours.tuesday[0]
            `{"opens": "10:00", "closes": "12:00"}],`    | `{"opens": 10, "closes": "12:00"}],`   | visitingHours.tuesday[0].opens
            `{"opens": "10:00", "closes": "12:30"}`      | `{"opens": "10:00", "closes": "15:00"}` | visitingHours.monday
            """)
    void visitingHoursProblemsNameTheirField(String replace, String with, String field) {
        String json = body().replace(replace, with);
        ApiException e = assertThrows(ApiException.class, () -> read(json), json);
        assertEquals("invalid_request", e.code());
        assertEquals(field, e.field(), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # rest                                                                                                   | field
            `"visitLengthMinutes": [], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": []`          | visitLengthMinutes
            `"visitLengthMinutes": [4], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": []`         | visitLengthMinutes
            `"visitLengthMinutes": [300], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": []`       | visitLengthMinutes
            `"visitLengthMinutes": [30, 30], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": []`    | visitLengthMinutes
            `"visitLengthMinutes": [30.5], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": []`      | visitLengthMinutes
            `"visitLengthMinutes": "30", "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": []`        | visitLengthMinutes
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": 241, "dailyCap": 2, "reminderMinutes": []`       | cleaningBufferMinutes
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": -1, "dailyCap": 2, "reminderMinutes": []`        | cleaningBufferMinutes
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": 10, "dailyCap": 0, "reminderMinutes": []`        | dailyCap
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": 10, "dailyCap": 49, "reminderMinutes": []`       | dailyCap
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": [0]`       | reminderMinutes
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": [10081]`   | reminderMinutes
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": [15, 15]`  | reminderMinutes
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": 10, "dailyCap": 2`                               | reminderMinutes
            `"visitLengthMinutes": [30], "cleaningBufferMinutes": 10, "dailyCap": 2, "reminderMinutes": [], "x": 1` | x
            """)
    void theOtherRulesNameTheirField(String rest, String field) {
        ApiException e = assertThrows(ApiException.class, () -> read(body(WEEK, rest)));
        assertEquals(field, e.field(), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            +01:00
            Europe/Pariss
            Z
            ''
            """)
    void aTimeZoneIsARegion(String zone) {
        String json = body().replace("\"Europe/Paris\"", Json.MAPPER.valueToTree(zone).toString());
        ApiException e = assertThrows(ApiException.class, () -> read(json));
        assertEquals("timeZone", e.field());
        assertTrue(e.getMessage().contains("Europe/Paris"), e.getMessage());
    }

    @Test
    void theAuditDetailSaysWhichSettingsChangedAndNothingElse() {
        WardSettings before = WardSettings.defaults(ZoneId.of("Europe/Paris"));
        assertEquals("changed=none", WardSettingsJson.changed(before, before));
        WardSettings after = new WardSettings(before.timeZone(), before.visitingHours(), before.visitLengths(),
                Duration.ofMinutes(30), 5, before.reminders());
        assertEquals("changed=cleaning_buffer,daily_cap", WardSettingsJson.changed(before, after));
        assertEquals("changed=visiting_hours,visit_lengths,cleaning_buffer,daily_cap",
                WardSettingsJson.changed(before, read(body())));
        assertEquals("changed=time_zone", WardSettingsJson.changed(before, WardSettings.defaults(ZoneId.of("UTC"))));
    }
}
