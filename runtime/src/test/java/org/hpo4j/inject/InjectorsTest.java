package org.hpo4j.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InjectorsTest {
    /** A subclass compiled without the processor seeing it: it has no injector, its superclass has. */
    static class UnprocessedSubclass extends TunableNet {
    }

    static class NothingAnnotated {
    }

    @Test
    void findsTheGeneratedInjectorByName() {
        assertEquals("org.hpo4j.inject.InjectorsTest_UnprocessedSubclassInjector",
                Injectors.injectorClassName(UnprocessedSubclass.class));
        assertEquals(TunableNetInjector.class, Injectors.forClass(TunableNet.class).getClass());
    }

    @Test
    void aSubclassWithoutInjectorIsToldWhyAndWhatToAnnotate() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Injectors.forClass(UnprocessedSubclass.class));
        assertTrue(e.getMessage().contains("no generated injector org.hpo4j.inject.InjectorsTest_UnprocessedSubclassInjector")
                && e.getMessage().contains("its superclass org.hpo4j.inject.TunableNet has one")
                && e.getMessage().contains("annotate UnprocessedSubclass (its @Objective, or @StudyName)"), e.getMessage());
    }

    @Test
    void aClassWithoutAnnotationsIsToldToAnnotateItsFields() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Injectors.forClass(NothingAnnotated.class));
        assertTrue(e.getMessage().contains("annotate its fields"), e.getMessage());
        assertFalse(e.getMessage().contains("superclass"), e.getMessage());
    }
}
