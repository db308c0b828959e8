package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {
    @Test
    void splitsAtWhiteSpaceAndKeepsQuotedWordsTogether() {
        assertEquals(List.of("-Xmx4g", "-Dxgb.nthread=2", "-Ddir=/data/my models", "-Dq=it's"),
                JvmOptions.parse("  -Xmx4g\t-Dxgb.nthread=2 \"-Ddir=/data/my models\" -Dq=\"it's\" "));
        assertEquals(List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n"),
                JvmOptions.parse("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n"), "commas stay");
        assertEquals(List.of(), JvmOptions.parse(null));
        assertEquals(List.of(), JvmOptions.parse("   "));
    }

    @Test
    void badOptionsNameTheParameter() {
        TuneException word = assertThrows(TuneException.class, () -> JvmOptions.parse("-Xmx2g Xss4m"));
        assertTrue(word.getMessage().startsWith("hpo.jvmArgs: 'Xss4m' is not a JVM option"), word.getMessage());
        TuneException quote = assertThrows(TuneException.class, () -> JvmOptions.parse("-Da=\"b c"));
        assertTrue(quote.getMessage().startsWith("hpo.jvmArgs: unclosed \""), quote.getMessage());
        TuneException cp = assertThrows(TuneException.class, () -> JvmOptions.check(List.of("-cp", "x.jar")));
        assertTrue(cp.getMessage().contains("'-cp' is not allowed"), cp.getMessage());
        assertThrows(TuneException.class, () -> RequestChecks.check(TuneRequest.builder().jvmArgs(List.of("oops")).build()));
    }
}
