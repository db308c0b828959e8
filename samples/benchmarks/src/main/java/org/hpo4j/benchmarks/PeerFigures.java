package org.hpo4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The peers' median regrets of peers.csv (HpBandSter, Optuna, DEHB on the four formula problems
 * and the three LCBench tasks), copied with their source into {@code peers/peers.csv}.
 */
public final class PeerFigures {
    /** The costs the peers were measured at. */
    public static final double[] COSTS = {10, 30, 100, 300};
    static final String RESOURCE = "/peers/peers.csv";

    /**
     * One peer on one problem.
     *
     * @param problem the problem's name
     * @param peer the peer's name as peers.csv spells it
     * @param seeds number of seeds behind each median
     * @param medians median regret at each of {@link #COSTS}, NaN where not measured
     */
    public record PeerRow(String problem, String peer, int seeds, double[] medians) {

        /** The median regret at {@code cost}; empty where not measured or not one of {@link #COSTS}. */
        public Optional<Double> median(double cost) {
            for (int k = 0; k < COSTS.length; k++) {
                if (COSTS[k] == cost && !Double.isNaN(medians[k])) {
                    return Optional.of(medians[k]);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A peer's median at one cost.
     *
     * @param peer the peer's name
     * @param median its median regret
     * @param seeds number of seeds behind it
     */
    public record PeerMedian(String peer, double median, int seeds) {
    }

    private final List<PeerRow> rows;

    private PeerFigures(List<PeerRow> rows) {
        this.rows = rows;
    }

    /** The figures of this module's resources. */
    public static PeerFigures load() {
        try (InputStream in = PeerFigures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses lines of {@code peers.csv}: {@code #} comments, a header, then one row per peer and problem. */
    static PeerFigures parse(List<String> lines) {
        List<PeerRow> rows = new ArrayList<>();
        boolean header = true;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 3 + COSTS.length) {
                throw new IllegalStateException(RESOURCE + ": expected problem,peer,seeds and " + COSTS.length
                        + " medians, got '" + line + "'");
            }
            double[] medians = new double[COSTS.length];
            for (int k = 0; k < COSTS.length; k++) {
                medians[k] = f[3 + k].equals("-") ? Double.NaN : Double.parseDouble(f[3 + k]);
            }
            rows.add(new PeerRow(f[0], f[1], Integer.parseInt(f[2]), medians));
        }
        return new PeerFigures(List.copyOf(rows));
    }

    /** Every row, in the file's order. */
    public List<PeerRow> rows() {
        return rows;
    }

    /** The peers' rows for {@code problem}. */
    public List<PeerRow> of(String problem) {
        return rows.stream().filter(r -> r.problem().equals(problem)).toList();
    }

    /** The peer with the lowest median regret on {@code problem} at {@code cost}, as the peers' best-peer figures (peers.csv) pick it. */
    public Optional<PeerMedian> best(String problem, double cost) {
        PeerMedian best = null;
        for (PeerRow r : of(problem)) {
            Optional<Double> m = r.median(cost);
            if (m.isPresent() && (best == null || m.get() < best.median())) {
                best = new PeerMedian(r.peer(), m.get(), r.seeds());
            }
        }
        return Optional.ofNullable(best);
    }
}
