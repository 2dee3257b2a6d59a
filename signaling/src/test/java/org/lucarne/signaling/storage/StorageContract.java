package org.lucarne.signaling.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of a storage contract test: each test gets a fresh database of the subclass's dialect
 * (SQLite or PostgreSQL), migrated, and closed after it. Subclasses set up their own rows in a
 * {@code @BeforeEach} of their own, which runs after this one.
 */
public abstract class StorageContract {
    protected TestBackend backend;
    protected Database db;

    protected abstract Dialect dialect();

    @BeforeEach
    void openStorage() {
        backend = TestBackend.create(dialect());
        db = Database.open(backend.settings());
    }

    @AfterEach
    void closeStorage() {
        if (db != null) {
            db.close();
        }
        if (backend != null) {
            backend.close();
        }
    }
}
