package org.lucarne.signaling.report;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The counts of a day, a period or a ward (docs/staff-api.md, "Reports").
 *
 * @param booked               the visits booked to start then, whatever became of them
 * @param scheduled            those whose slot has not opened yet
 * @param ready                those whose slot is open now (under way)
 * @param completed            over, and someone came
 * @param cancelled            cancelled by staff, before or during their slot
 * @param noShow               over, and nobody came
 * @param calls                the completed visits whose call had two people (those the lengths are of)
 * @param averageLengthSeconds the mean call length of those, rounded to the second; empty when there are none
 * @param medianLengthSeconds  their median call length (of an even number, the mean of the two middle ones)
 */
public record Figures(int booked, int scheduled, int ready, int completed, int cancelled, int noShow, int calls,
                      OptionalLong averageLengthSeconds, OptionalLong medianLengthSeconds) {

    /** The visits whose outcome is known: completed, cancelled or no-show. The rates are shares of them. */
    public int decided() {
        return completed + cancelled + noShow;
    }

    public OptionalDouble completedRate() {
        return rate(completed);
    }

    public OptionalDouble cancelledRate() {
        return rate(cancelled);
    }

    public OptionalDouble noShowRate() {
        return rate(noShow);
    }

    /** {@code n} as a share of the decided visits, rounded to 4 decimals; empty when none is decided. */
    private OptionalDouble rate(int n) {
        int d = decided();
        return d == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.round(n * 10_000.0 / d) / 10_000.0);
    }
}
