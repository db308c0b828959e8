package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A password in a PostgreSQL URL never shows, whatever characters it holds. */
class PasswordMaskTest {
    static final List<String> PASSWORDS = List.of("ab;cdLEAKTAIL", "p@ss/wo:rd#LEAKTAIL", "sp ace=LEAKTAIL?x",
            "semi;colon;LEAKTAIL", "pct%26LEAKTAIL", "ünïcødéLEAKTAIL", "\"quote'LEAKTAIL");

    @Test
    void theMaskCoversTheWholeValue() {
        for (String pw : PASSWORDS) {
            String url = "jdbc:postgresql://db:5432/hpo?user=u&password=" + pw + "&ssl=true";
            assertEquals("jdbc:postgresql://db:5432/hpo?user=u&password=***&ssl=true", PostgresStore.mask(url), pw);
            assertEquals("jdbc:postgresql://db/hpo?password=***", PostgresStore.mask("jdbc:postgresql://db/hpo?password=" + pw));
            assertTrue(PostgresStore.hasPassword(url));
        }
        assertFalse(PostgresStore.hasPassword("jdbc:postgresql://db/hpo?user=password"));
        assertEquals("jdbc:postgresql://db/hpo?user=password", PostgresStore.mask("jdbc:postgresql://db/hpo?user=password"));
    }

    @Test
    void connectionErrorsDoNotRepeatThePassword() {
        for (String pw : List.of("ab;cdLEAKTAIL", "pct%26LEAKTAIL")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresStore.open(
                    "jdbc:postgresql://127.0.0.1:1/nope?connectTimeout=2&password=" + pw));
            assertFalse(e.getMessage().contains("LEAKTAIL"), e.getMessage());
            assertTrue(e.getMessage().contains("password=***"), e.getMessage());
        }
    }
}
