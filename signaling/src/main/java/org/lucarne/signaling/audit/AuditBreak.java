package org.lucarne.signaling.audit;

/**
 * Where the audit trail is broken first, and how: {@code seq} is the entry to look at,
 * {@code message} a sentence for the operator that names it ("entry 42: its fields do not match
 * its hash (altered)").
 */
public record AuditBreak(long seq, String message) { }
