package org.lucarne.signaling.admin;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;
import org.lucarne.signaling.personal.DataKeyStore;
import org.lucarne.signaling.personal.KeyRotation;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.storage.DatabaseUse;
import org.lucarne.signaling.storage.StorageException;

/**
 * {@code ./lucarne keys rotate}: re-seals every piece of personal data under a new data key
 * ({@link KeyRotation}), with no Lucarne running on the database (its use lock exclusive), and
 * says what it did and which file to back up now.
 */
final class RotateKeysCommand implements AdminCommands.Command {

    @Override
    public DatabaseUse.Mode databaseUse() {
        return DatabaseUse.Mode.EXCLUSIVE;
    }

    @Override
    public int run(String[] args, AdminContext context, PrintStream out, PrintStream err) {
        if (args.length != 0) {
            err.println("usage: lucarne keys rotate (no arguments: it rotates the keys of the configured database)");
            return 2;
        }
        DataKeyStore store = DataKeyStore.of(context.config().staff().keys());
        KeyRotation.Result r;
        try {
            r = KeyRotation.of(context.database(), store, context.personalData(), context.audit(), context.clock())
                    .run();
        } catch (PersonalDataException | StorageException e) {
            err.println("lucarne: the data keys were not rotated: " + e.getMessage() + ". Nothing is lost: the next"
                    + " start of Lucarne keeps the key the database uses and forgets the other");
            return 1;
        }
        if (r.unfinished().isPresent()) {
            err.println("lucarne: the database now uses data key " + r.to() + " (every value re-encrypted, audit entry "
                    + r.audit().seq() + "), but " + r.unfinished().get() + ". " + store.describe() + " still holds "
                    + r.from() + " and " + r.to() + ", which is safe: fix that, then start Lucarne, which keeps "
                    + r.to() + " alone. Back it up then");
            return 1;
        }
        out.println("Data keys rotated: " + r.from() + " -> " + r.to() + ", in one database transaction.");
        out.println("  Re-encrypted     " + r.valueCount() + " values" + counts(r.values()));
        out.println("  Blind indexes    " + r.indexCount() + " recomputed" + counts(r.indexes()));
        out.println("  Keys             " + store.describe() + " now holds " + r.to() + " only");
        out.println("  Audit trail      entry " + r.audit().seq() + " (" + r.audit().action() + ")");
        out.println();
        out.println("Back up the new keys now, apart from the database backups (docs/operations.md, \"Keys\").");
        out.println("Keep the backup of the previous keys for as long as you keep database backups made before now:");
        out.println("those can only be read with key " + r.from() + ".");
        return 0;
    }

    /** The columns that had values, with their counts; empty columns are left out. */
    private static String counts(Map<?, Integer> perColumn) {
        String listed = perColumn.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return listed.isEmpty() ? "" : " (" + listed + ")";
    }
}
