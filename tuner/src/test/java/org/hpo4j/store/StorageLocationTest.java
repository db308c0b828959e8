package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageLocationTest {
    @Test
    void everyKindOfStorageParses() {
        assertEquals(new StorageLocation.DefaultFile(), StorageLocation.parse(null));
        assertEquals(new StorageLocation.DefaultFile(), StorageLocation.parse("  "));
        assertEquals(new StorageLocation.Memory(), StorageLocation.parse(" memory "));
        assertEquals(new StorageLocation.SqliteFile(Path.of("runs/a.db")), StorageLocation.parse("runs/a.db"));
        assertEquals(new StorageLocation.SqliteFile(Path.of("RUNS/A.DB")), StorageLocation.parse("RUNS/A.DB"),
                "the .db ending in any case");
        assertEquals(new StorageLocation.SqliteFile(Path.of("/tmp/s")), StorageLocation.parse("jdbc:sqlite:/tmp/s"));
        assertEquals(new StorageLocation.SqliteUrl("jdbc:sqlite::memory:"), StorageLocation.parse("jdbc:sqlite::memory:"));
        assertEquals(new StorageLocation.SqliteUrl("jdbc:sqlite:file:x?mode=memory"),
                StorageLocation.parse("jdbc:sqlite:file:x?mode=memory"));
        assertEquals(new StorageLocation.Postgres("jdbc:postgresql://db/hpo"), StorageLocation.parse(" jdbc:postgresql://db/hpo"));
    }

    @Test
    void onlyPostgresIsShared() {
        assertTrue(StorageLocation.parse("jdbc:postgresql://db/hpo").shared());
        assertFalse(StorageLocation.parse("").shared());
        assertFalse(StorageLocation.parse("a.db").shared());
    }

    @Test
    void theDefaultFileIsNamedAfterTheStudy() {
        Path dir = Path.of("target/hpo");
        assertEquals(Optional.of(dir.resolve("mlp.db")), StorageLocation.parse("").sqliteFile(dir, "mlp"));
        assertEquals(Optional.of(Path.of("x.db")), StorageLocation.parse("x.db").sqliteFile(dir, "mlp"));
        assertEquals(Optional.empty(), StorageLocation.parse("memory").sqliteFile(dir, "mlp"));
    }

    @Test
    void anUnknownStorageIsNamedWithItsPasswordMasked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageLocation.parse("mysql://u:secret@h/db"));
        assertTrue(e.getMessage().contains("is not supported"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
