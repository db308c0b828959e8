package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hpo4j.annotations.Direction;
import org.junit.jupiter.api.Test;

class StudySettingsTest {
    private static final StudySettings BUDGETS = StudySettings.of(new StudySettings.Budgets(1, 81, 3, 7));

    @Test
    void theStoredTextReadsBackAsTheSameSettings() {
        StudySettings warm = BUDGETS.withWarmStart(new StudySettings.WarmStart(3, 12, 0.5, "1a2b"));
        for (StudySettings s : List.of(StudySettings.NONE, BUDGETS, warm,
                StudySettings.NONE.withWarmStart(new StudySettings.WarmStart(1, 2, 1.0, "ff")))) {
            assertEquals(s, StudySettings.decode(s.encode()), s.encode());
        }
        assertEquals("v3 minBudget=1.0 maxBudget=81.0 eta=3.0 seed=7 warmStart=3/12/0.5/1a2b", warm.encode());
        StudySettings noEta = StudySettings.of(new StudySettings.Budgets(1, 81, java.util.OptionalDouble.empty(), 7));
        assertEquals("v3 minBudget=1.0 maxBudget=81.0 seed=7", noEta.encode());
        assertEquals(noEta, StudySettings.decode(noEta.encode()));
    }

    @Test
    void anEtaThatVersion2WroteForAnOptimizerWithoutBracketsIsIgnoredButAnotherEtaDiffers() {
        StudySettings noEta = StudySettings.of(new StudySettings.Budgets(1, 81, java.util.OptionalDouble.empty(), 7));
        assertEquals(List.of(), noEta.differencesFrom(StudySettings.decode("v2 minBudget=1.0 maxBudget=81.0 eta=3.0 seed=7")));
        assertEquals(List.of("eta 2.0 -> 3.0"),
                BUDGETS.differencesFrom(StudySettings.decode("v2 minBudget=1.0 maxBudget=81.0 eta=2.0 seed=7")));
    }

    @Test
    void settingsWrittenBeforeVersion2Open() {
        assertEquals(BUDGETS, StudySettings.decode("minBudget=1.0 maxBudget=81.0 eta=3.0 seed=7"));
        assertEquals(StudySettings.NONE, StudySettings.decode(""));
        assertEquals(StudySettings.NONE.withWarmStart(new StudySettings.WarmStart(3, 10, 0.5, "abc")),
                StudySettings.decode("warmStart=3/10/0.5/abc"));
    }

    @Test
    void unreadableOrNewerSettingsAreRefusedQuotingThem() {
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class, () -> StudySettings.decode("v9 x=1"));
        assertTrue(newer.getMessage().contains("newer hpo4j") && newer.getMessage().contains("[v9 x=1]"), newer.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> StudySettings.decode("v2 colour=blue"));
        assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StudySettings.decode("minBudget=1.0 maxBudget=x eta=3 seed=1"));
    }

    @Test
    void eachDifferentFieldIsNamed() {
        StudySettings other = StudySettings.of(new StudySettings.Budgets(1, 27, 2, 7));
        assertEquals(List.of("maxBudget 81.0 -> 27.0", "eta 3.0 -> 2.0"), other.differencesFrom(BUDGETS));
        assertEquals(List.of(), StudySettings.decode(BUDGETS.encode()).differencesFrom(BUDGETS));
        assertEquals(List.of("optimizer built by name -> as an object"), StudySettings.NONE.differencesFrom(BUDGETS));
    }

    @Test
    void aSpaceDescribedWithClassNamesIsTheSameSpaceInKindWords() {
        StudyDefinition legacy = new StudyDefinition("s", "lr FloatParameter [0.001, 1.0] (log)\nn IntParameter integers [1, 4]\n"
                + "opt CategoricalParameter [a, b]\nbudget epochs [1.0, 9.0]\n", Direction.MINIMIZE, "random", 1, "");
        String now = "lr float [0.001, 1.0] (log)\nn int integers [1, 4]\nopt categorical [a, b]\nbudget epochs [1.0, 9.0]\n";
        assertTrue(legacy.hasSpace(now));
        StudyDefinition current = new StudyDefinition("s", now, Direction.MINIMIZE, "random", 1, StudySettings.NONE);
        assertEquals(List.of(), current.differencesFrom(legacy));
        StudyDefinition changed = new StudyDefinition("s", now.replace("[1, 4]", "[1, 8]"), Direction.MINIMIZE, "random", 1,
                StudySettings.NONE);
        assertEquals(List.of("the search space changed:\n  - n int integers [1, 4]\n  + n int integers [1, 8]"),
                changed.differencesFrom(legacy));
    }
}
