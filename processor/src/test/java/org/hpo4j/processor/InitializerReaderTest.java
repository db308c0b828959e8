package org.hpo4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Integer literals as Java reads them, which JavaParser leaves as text. */
class InitializerReaderTest {
    @Test
    void decimalLiteralsWithSignsSuffixesAndUnderscores() {
        assertEquals(64L, InitializerReader.integer("64L", false));
        assertEquals(-1_000L, InitializerReader.integer("1_000", true));
        assertEquals((long) Integer.MIN_VALUE, InitializerReader.integer("2147483648", true));
        assertEquals(Long.MIN_VALUE, InitializerReader.integer("9223372036854775808L", true));
        assertNull(InitializerReader.integer("9223372036854775808L", false), "too large for a long");
    }

    @Test
    void hexOctalAndBinaryLiteralsAreTwosComplement() {
        assertEquals(64L, InitializerReader.integer("0x40", false));
        assertEquals(15L, InitializerReader.integer("017", false));
        assertEquals(5L, InitializerReader.integer("0b101", false));
        assertEquals((long) Integer.MAX_VALUE, InitializerReader.integer("0x7FFF_FFFF", false));
        assertEquals(-1L, InitializerReader.integer("0xFFFFFFFF", false), "an int literal");
        assertEquals(4294967295L, InitializerReader.integer("0xFFFFFFFFL", false), "a long literal");
        assertEquals(-1L, InitializerReader.integer("0xFFFF_FFFF_FFFF_FFFFL", false));
        assertEquals(0L, InitializerReader.integer("0", false));
    }
}
