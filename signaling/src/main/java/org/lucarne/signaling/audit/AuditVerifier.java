package org.lucarne.signaling.audit;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.storage.Database;

/**
 * Checks the whole trail ({@code ./lucarne audit verify}): every entry in seq order, streamed, so
 * that seqs run 1..n without a gap, each entry's hash is that of its fields and each prev_hash is
 * the previous entry's hash; then that the trail still holds the head copied outside the database
 * (else entries were cut off the end, or the trail was rewritten up to it). Names the first break.
 */
public final class AuditVerifier {
    private final AuditReader reader;

    public AuditVerifier(Database db) {
        this.reader = new AuditReader(Objects.requireNonNull(db, "db"));
    }

    AuditVerifier(AuditReader reader) {
        this.reader = reader;
    }

    /**
     * Verifies the trail against the head recorded in {@code headFile} (the chain alone when that file
     * does not exist).
     *
     * @throws AuditHeadException when the head file exists but cannot be read or is not a head file
     */
    public AuditVerification verify(Path headFile) {
        Optional<AuditHeadFile> head = AuditHeadFile.read(headFile);
        ChainCheck chain = ChainCheck.fromGenesis();
        long headSeq = head.map(AuditHeadFile::seq).orElse(-1L);
        AuditEntry[] atHead = new AuditEntry[1];
        reader.forEach(e -> {
            if (!chain.accept(e)) {
                return false;
            }
            if (e.seq() == headSeq) {
                atHead[0] = e;
            }
            return true;
        });
        Optional<AuditBreak> broken = chain.broken();
        if (broken.isEmpty() && head.isPresent()) {
            long lastSeq = chain.last().map(AuditEntry::seq).orElse(0L);
            broken = HeadCheck.check(head.get(), lastSeq, Optional.ofNullable(atHead[0]));
        }
        return new AuditVerification(chain.checked(), chain.last(), headFile, head, broken);
    }
}
