package org.lucarne.signaling.booking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the booking rules decide on, read from the database by {@link BookingStore}: plain values. */
public final class BookingFacts {
    private BookingFacts() {
    }

    /**
     * A patient: their bed and its ward, their discharge if recorded, and their consent to the tablet
     * answering by itself (each visit booked for them takes it).
     */
    public record Patient(String id, String bedId, String wardId, Optional<Instant> dischargedAt, boolean autoAnswer) {
        public Patient {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(bedId, "bedId");
            Objects.requireNonNull(wardId, "wardId");
            Objects.requireNonNull(dischargedAt, "dischargedAt");
        }
    }

    /** A bedside tablet: its bed and whether it is revoked. */
    public record Tablet(String id, String bedId, boolean revoked) {
        public Tablet {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(bedId, "bedId");
        }
    }

    /** One of a patient's family contacts: may they be invited, were they removed. */
    public record Contact(String id, boolean allowed, boolean removed) {
        public Contact {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * What is booked around a slot, without the visit being moved: when the tablet is in use (each
     * visit's slot, up to its end if it was ended early; a visit cancelled before its start does not use
     * the tablet) and when the patient's visits that were not cancelled start.
     */
    public record Occupancy(List<Slot> tabletUses, List<Instant> patientStarts) {
        public Occupancy {
            tabletUses = List.copyOf(tabletUses);
            patientStarts = List.copyOf(patientStarts);
        }

        public static final Occupancy NONE = new Occupancy(List.of(), List.of());
    }
}
