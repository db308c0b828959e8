package org.hpo4j.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A properties file that cannot be meant as written is an error naming file, line and key. */
class PropertiesFileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aDuplicatedKeyIsAnErrorNamingBothLines() throws Exception {
        Path file = Files.writeString(dir.resolve("a.properties"), "# tuned\nlr=0.1\nlayers=2\n\nlr = 0.5\n");
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class, () -> TunedProperties.read(file));
        assertEquals(file + ", line 5: lr: the key appears twice (first on line 2); keep one of them", e.getMessage());
        assertEquals("lr", e.key());
        assertEquals(Map.of("lr", "0.1", "layers", "2"), TunedProperties.parse("lr=0.1\nlayers=2\n", "ok"));
    }

    @Test
    void latin1BytesAreAnErrorNamingLineAndKeyFromAFileAndFromTheClassPath() throws Exception {
        byte[] latin1 = "lr=0.1\nactivation=r\u00e9lu\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("b.properties"), latin1);
        HpoConfigurationException fromFile = assertThrows(HpoConfigurationException.class, () -> TunedProperties.read(file));
        assertEquals(file + ", line 2: activation: byte 0xE9 is not UTF-8; save the file as UTF-8 (hpo4j writes it so;"
                + " an editor may have saved it as Latin-1)", fromFile.getMessage());
        HpoConfigurationException fromResource = assertThrows(HpoConfigurationException.class,
                () -> TunedProperties.read(new ByteArrayInputStream(latin1), "hpo/x.B.properties"));
        assertEquals("hpo/x.B.properties, line 2", fromResource.source());
        assertEquals("activation", fromResource.key());
        assertEquals(Map.of("a", "ünï"), TunedProperties.read(new ByteArrayInputStream("a=ünï".getBytes(StandardCharsets.UTF_8)), "u"));
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "lr=" + "9".repeat(TunedProperties.MAX_BYTES));
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class, () -> TunedProperties.read(file));
        assertEquals(file + ": (file): larger than 1 MiB; a tuned properties file holds one short line per parameter",
                e.getMessage());
        assertThrows(HpoConfigurationException.class, () -> TunedProperties.read(Files.newInputStream(file), "r"));
    }
}
