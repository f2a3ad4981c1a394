package dev.arca.client.backup;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which snapshots a retention policy keeps: the last N, and the newest snapshot of each of the
 * last N days, ISO weeks and months that have one. A snapshot kept by any rule is kept. A
 * policy that keeps nothing is refused, so {@code forget} cannot empty a repository by mistake.
 */
public record Retention(int last, int daily, int weekly, int monthly) {

    public Retention {
        if (last < 0 || daily < 0 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("keep counts must not be negative");
        }
        if (last + daily + weekly + monthly == 0) {
            throw new IllegalArgumentException("give at least one --keep-* rule; forget would delete every snapshot");
        }
    }

    /** The ids of the snapshots to keep. */
    public Set<String> keep(List<Snapshot> snapshots, ZoneId zone) {
        List<Snapshot> newestFirst = snapshots.reversed();
        Set<String> keep = new LinkedHashSet<>();
        newestFirst.stream().limit(last).forEach(s -> keep.add(s.id()));
        keepPerPeriod(newestFirst, daily, s -> LocalDate.ofInstant(s.time(), zone), keep);
        keepPerPeriod(newestFirst, weekly, s -> {
            LocalDate d = LocalDate.ofInstant(s.time(), zone);
            return d.get(IsoFields.WEEK_BASED_YEAR) * 100 + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        }, keep);
        keepPerPeriod(newestFirst, monthly, s -> YearMonth.from(LocalDate.ofInstant(s.time(), zone)), keep);
        return keep;
    }

    private static void keepPerPeriod(List<Snapshot> newestFirst, int count, Function<Snapshot, Object> period,
            Set<String> keep) {
        Set<Object> seen = new HashSet<>();
        for (Snapshot snapshot : newestFirst) {
            if (seen.size() >= count) {
                return;
            }
            if (seen.add(period.apply(snapshot))) {
                keep.add(snapshot.id());
            }
        }
    }
}
