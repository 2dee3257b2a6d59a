package org.lucarne.signaling.retention;

/**
 * What a batch, or a whole run, of the purge did: how many family contacts' and discharged patients' details it
 * wiped, how many messages' SMS gateway ids it forgot, how many staff sessions over long ago it deleted, and how many
 * end-to-end encrypted envelopes and photos past {@code e2ee.queue.days} it deleted. Counts only, as the audit trail
 * records them.
 *
 * @param full whether a batch found as many candidates as it takes (a next batch may find more)
 */
public record Purged(int contacts, int patients, int gatewayIds, int staffSessions, int envelopes, int photos,
                     boolean full) {
    public static final Purged NONE = new Purged(0, 0, 0, 0, false);

    /** Nothing of the relay's. */
    public Purged(int contacts, int patients, int gatewayIds, int staffSessions, boolean full) {
        this(contacts, patients, gatewayIds, staffSessions, 0, 0, full);
    }

    public Purged plus(Purged other) {
        return new Purged(contacts + other.contacts, patients + other.patients, gatewayIds + other.gatewayIds,
                staffSessions + other.staffSessions, envelopes + other.envelopes, photos + other.photos, other.full);
    }

    public boolean any() {
        return contacts + patients + gatewayIds + staffSessions + envelopes + photos > 0;
    }

    /**
     * {@code contacts=3 patients=1 gateway_ids=5 staff_sessions=40 envelopes=12 photos=1}: the audit entry's and the
     * log's words.
     */
    public String words() {
        return "contacts=" + contacts + " patients=" + patients + " gateway_ids=" + gatewayIds
                + " staff_sessions=" + staffSessions + " envelopes=" + envelopes + " photos=" + photos;
    }
}
