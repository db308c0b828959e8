package org.hpo4j.benchmarks.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AsyncSimulationTest {

    @Test
    void chargeAndCompareWorkersAreParsedAndCheckedAndOffByDefault() {
        AsyncSimulation.Options defaults = AsyncSimulation.Options.parse(new String[0]);
        assertFalse(defaults.chargeConsumed);
        assertEquals(0, defaults.compareWorkers);
        AsyncSimulation.Options o = AsyncSimulation.Options.parse(
                new String[] {"--charge", "consumed", "--compare-workers", "1"});
        assertTrue(o.chargeConsumed);
        assertEquals(1, o.compareWorkers);
        assertFalse(AsyncSimulation.Options.parse(new String[] {"--charge", "finished"}).chargeConsumed);
        assertThrows(IllegalArgumentException.class,
                () -> AsyncSimulation.Options.parse(new String[] {"--charge", "started"}));
        assertThrows(IllegalArgumentException.class,
                () -> AsyncSimulation.Options.parse(new String[] {"--compare-workers", "0"}));
    }

    @Test
    void compareWorkersPrintsTheRatioToTheSameOptimizerOnFewerWorkers() {
        AsyncSimulation.Options o = AsyncSimulation.Options.parse(new String[] {"--problems", "branin-mf",
                "--optimizers", "random", "--seeds", "3", "--workers", "4", "--threads", "1", "--costs", "4",
                "--compare-workers", "1", "--charge", "consumed"});
        String printed = run(o);
        assertTrue(printed.contains("compute consumed, running jobs included"), printed);
        assertTrue(printed.contains("Median regret on 4 workers over 1 on branin-mf"), printed);
        String row = Arrays.stream(printed.split("\n")).filter(l -> l.startsWith("| random |"))
                .reduce((first, second) -> second).orElseThrow();
        // the one-worker median, then the ratio with its interval
        assertTrue(row.matches("\\| random \\| [0-9.e+-]+ \\| [0-9.e+-]+ \\[[0-9.e+-]+, [0-9.e+-]+\\] \\|"), row);
    }

    @Test
    void withoutCompareWorkersThereIsNoRatioTable() {
        AsyncSimulation.Options o = AsyncSimulation.Options.parse(new String[] {"--problems", "branin-mf",
                "--optimizers", "random", "--seeds", "2", "--workers", "4", "--threads", "1", "--costs", "4"});
        String printed = run(o);
        assertTrue(printed.contains("(finished evaluations)"), printed);
        assertFalse(printed.contains("workers over"), printed);
    }

    private static String run(AsyncSimulation.Options o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AsyncSimulation.run(o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
