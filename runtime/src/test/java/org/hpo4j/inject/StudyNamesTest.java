package org.hpo4j.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule for study names, as hpo.study, @StudyName and the study builder apply it. */
class StudyNamesTest {
    @Test
    void lettersDigitsAndDashUnderscoreDotOfAnyScript() {
        for (String name : List.of("digits", "mlp-2.v1", "a_b", "ünï-çødé", "数字", ".hidden", "a..b", "x".repeat(200),
                "é".repeat(100), "\uD835\uDC00bc")) {
            assertTrue(StudyNames.isValid(name), name);
        }
    }

    @Test
    void namesThatCouldLeaveTheirFolderOrBreakFilesAreRefused() {
        for (String name : List.of("", " ", ".", "..", "...", "../x", "a/b", "a\\b", "C:x", "my study", "a\tb",
                "a\u0000b", "~", "$x", "a;b", "\u200Bzero-width", "x".repeat(201), "é".repeat(101))) {
            assertFalse(StudyNames.isValid(name), name);
        }
        assertFalse(StudyNames.isValid(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyNames.check("..", "hpo.study"));
        assertEquals("hpo.study: '..' is not a valid study name: " + StudyNames.RULE, e.getMessage());
    }

    @Test
    void decomposedAndComposedFormsAreOneName() {
        assertEquals("\u00fcni", StudyNames.check("u\u0308ni", "hpo.study"));
        assertEquals(StudyNames.normalize("u\u0308ni"), StudyNames.normalize("\u00fcni"));
    }
}
