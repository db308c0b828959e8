package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hpo4j.annotations.Direction;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

/** A stored study remembers an integer parameter's step: a changed step is a changed space. */
class SteppedSpaceDefinitionTest {
    private static final IntParameter BATCH = IntParameter.uniform("batch", 16, 256, 16);

    @Test
    void aChangedStepIsAChangedSpaceForTheStore() {
        SearchSpace by16 = SearchSpace.builder().add(BATCH).build();
        SearchSpace by8 = SearchSpace.builder().add(IntParameter.uniform("batch", 16, 256, 8).withDefault(128)).build();
        assertNotEquals(by16.describe(), by8.describe());
        StudyDefinition stored = new StudyDefinition("s", by16.describe(), Direction.MINIMIZE, "tpe", 1, "");
        StudyDefinition now = new StudyDefinition("s", by8.describe(), Direction.MINIMIZE, "tpe", 1, "");
        List<String> differences = now.differencesFrom(stored);
        assertEquals(1, differences.size(), differences::toString);
        assertTrue(differences.get(0).contains("- batch int integers [16, 256] step 16")
                && differences.get(0).contains("+ batch int integers [16, 256] step 8"), differences.get(0));
    }
}
