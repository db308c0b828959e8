package org.hpo4j.optimizer.async;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.async.AsyncSuccessiveHalving.Trial;

/**
 * Ordered by value (failures last), then by start order. Keeps every result sorted (to know a
 * result's rank) and, apart, the promotable ones: the best of those is the only candidate,
 * since every better result is either promoted or a failure.
 */
final class ScalarRung extends Rung {
    private record Entry(Trial trial, double rank) {
        static final Comparator<Entry> ORDER = Comparator.comparingDouble(Entry::rank)
                .thenComparingLong(e -> e.trial.sequence());
    }

    final List<Entry> sorted = new ArrayList<>();
    final TreeSet<Entry> unpromoted = new TreeSet<>(Entry.ORDER);
    final Map<Trial, Entry> entries = new HashMap<>();

    ScalarRung(double budget) {
        super(budget);
    }

    @Override
    void add(Trial trial, Result result, boolean promotable) {
        Entry e = new Entry(trial, result.rankValue());
        int at = Collections.binarySearch(sorted, e, Entry.ORDER);
        sorted.add(-at - 1, e);
        if (promotable) {
            unpromoted.add(e);
            entries.put(trial, e);
        }
    }

    @Override
    int size() {
        return sorted.size();
    }

    @Override
    Trial firstPromotable(int top) {
        if (unpromoted.isEmpty()) {
            return null;
        }
        Entry candidate = unpromoted.first();
        int rank = Collections.binarySearch(sorted, candidate, Entry.ORDER);
        return rank < top ? candidate.trial : null;
    }

    @Override
    void unmark(Trial trial) {
        unpromoted.remove(entries.remove(trial));
    }
}
