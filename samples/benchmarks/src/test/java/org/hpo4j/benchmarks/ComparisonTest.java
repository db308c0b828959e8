package org.hpo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void peerFiguresAreTheCopyOfPeersMdWithItsBestPeers() {
        PeerFigures peers = PeerFigures.load();
        assertEquals(53, peers.rows().size(), "38 rows on the four problems, 15 on LCBench");
        // cells of the peers' best-peer figures (peers.csv)
        assertBest(peers, "branin-mf", 10, "dehb", 0.248);
        assertBest(peers, "branin-mf", 100, "optuna-tpe+hb", 0.00379);
        assertBest(peers, "hartmann6-mf", 300, "optuna-cmaes", 0.00635);
        assertBest(peers, "counting-ones", 300, "hpbandster-bohb", 0.231);
        assertBest(peers, "conditional-mf", 100, "optuna-tpe-mv", 0.000893);
        assertBest(peers, "lcbench-167168", 30, "optuna-tpe", 0.0461);
        assertBest(peers, "lcbench-189873", 100, "hpbandster-BOHB", 0.0607);
        assertBest(peers, "lcbench-189906", 10, "hpbandster-BOHB", 0.071);
        assertTrue(peers.best("slow-big-models", 100).isEmpty(), "no peer ran the misleading problems");
        assertTrue(peers.best("branin-mf", 50).isEmpty(), "no peer figure at cost 50");
        // '-' is not measured: HpBandSter's BOHB has no LCBench figure at 300
        PeerFigures.PeerRow bohb = peers.of("lcbench-167168").stream().filter(r -> r.peer().equals("hpbandster-BOHB"))
                .findFirst().orElseThrow();
        assertTrue(bohb.median(300).isEmpty());
        assertEquals(16, bohb.seeds());
    }

    private static void assertBest(PeerFigures peers, String problem, double cost, String peer, double median) {
        PeerFigures.PeerMedian best = peers.best(problem, cost).orElseThrow();
        assertEquals(peer, best.peer(), problem + " at " + cost);
        assertEquals(median, best.median(), 0.0, problem + " at " + cost);
    }

    @Test
    void badPeerRowsAreErrorsNamingTheLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PeerFigures.parse(List.of("problem,peer,seeds,cost_10,cost_30,cost_100,cost_300", "branin-mf,x,16,1,2")));
        assertTrue(e.getMessage().contains("branin-mf,x,16,1,2"), e.getMessage());
    }

    @Test
    void summaryTableDividesTheFocusMedianByTheOthersAndTheBestPeer() {
        RunnerOptions options = RunnerOptions.parse("--problems", "branin-mf,lcbench-189906", "--optimizers",
                "hyperband,random", "--seeds", "5", "--max-cost", "10", "--costs", "10", "--compare", "hyperband");
        List<CellSummary> cells = BenchmarkRunner.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Comparison.print(options.compare(), cells, PeerFigures.load(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("| problem | cost | hyperband median | best peer | vs best peer | vs random |"), text);
        double mine = cells.get(0).regret()[0].median();
        double random = cells.get(1).regret()[0].median();
        String expected = String.format(Locale.ROOT, "| branin-mf | 10 | %.3g | dehb 0.248 | %.2g | %.2g [", mine,
                mine / 0.248, mine / random);
        assertTrue(text.contains(expected), "expected '" + expected + "' in\n" + text);
        assertTrue(text.contains("| lcbench-189906 | 10 |") && text.contains("hpbandster-BOHB 0.071"), text);
        // each interval brackets its ratio
        for (String line : text.lines().filter(l -> l.startsWith("| branin-mf") || l.startsWith("| lcbench")).toList()) {
            String[] cellsOfLine = line.split("\\|");
            String vsRandom = cellsOfLine[6].trim();
            double ratio = Double.parseDouble(vsRandom.substring(0, vsRandom.indexOf(' ')));
            String[] bounds = vsRandom.substring(vsRandom.indexOf('[') + 1, vsRandom.indexOf(']')).split(", ");
            assertTrue(Double.parseDouble(bounds[0]) <= ratio && ratio <= Double.parseDouble(bounds[1]), line);
        }
    }

    @Test
    void compareMustNameARunOptimizer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunnerOptions.parse("--optimizers", "random,bohb", "--compare", "gp"));
        assertTrue(e.getMessage().contains("--compare") && e.getMessage().contains("gp"), e.getMessage());
    }
}
