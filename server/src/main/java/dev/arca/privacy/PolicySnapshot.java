package dev.arca.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy version promises, as values: every purpose with its legal basis and, for
 * consent-based ones, the notice that asks; and every personal column with its kind, purpose,
 * retention and recipients. Two snapshots are equal exactly when the policy they describe is.
 */
public record PolicySnapshot(List<PurposeEntry> purposes, List<FieldEntry> fields) {

    /** @param notice the text that asks for consent; null when the purpose rests on another basis */
    public record PurposeEntry(String id, String basis, String clause, String title, String notice) {}

    public record FieldEntry(String table, String column, String classification, String category, String purpose,
            String retention, String recipients) {

        String name() {
            return table + "." + column;
        }

        String describe() {
            return category + ", for " + purpose + ", kept " + retention + ", received by " + recipients;
        }
    }

    public PolicySnapshot {
        purposes = List.copyOf(purposes);
        fields = List.copyOf(fields);
    }

    /** The policy this build describes: the purposes in {@link Purpose} and the live data map. */
    public static PolicySnapshot live(DataMap dataMap) {
        List<PurposeEntry> purposes = Arrays.stream(Purpose.values())
                .map(p -> new PurposeEntry(p.name(), p.basis().name(), p.clause(), p.title(),
                        p.needsConsent() ? p.notice() : null))
                .toList();
        List<FieldEntry> fields = dataMap.tables().stream()
                .flatMap(t -> t.columns().stream().filter(DataTable.Column::personal)
                        .map(c -> new FieldEntry(t.table(), c.name(), c.classification().name(), c.category(),
                                c.purpose().name(), c.retention(), c.recipients())))
                .toList();
        return new PolicySnapshot(purposes, fields);
    }

    /** The notice of a consent-based purpose. */
    public Optional<String> notice(Purpose purpose) {
        return purposes.stream().filter(p -> p.id().equals(purpose.name())).map(PurposeEntry::notice)
                .filter(Objects::nonNull).findFirst();
    }

    /** This snapshot with the notice of {@code purpose} replaced. */
    public PolicySnapshot withNotice(Purpose purpose, String notice) {
        if (!purpose.needsConsent()) {
            throw new IllegalArgumentException(purpose + " has no consent notice");
        }
        return new PolicySnapshot(purposes.stream()
                .map(p -> p.id().equals(purpose.name())
                        ? new PurposeEntry(p.id(), p.basis(), p.clause(), p.title(), notice) : p)
                .toList(), fields);
    }

    /**
     * What changed from {@code previous} to this snapshot, one line per change in words a reader
     * of the policy understands; empty when nothing did.
     */
    public List<String> changesFrom(PolicySnapshot previous) {
        List<String> changes = new ArrayList<>();
        compare(index(previous.purposes, PurposeEntry::id), index(purposes, PurposeEntry::id), "purpose",
                PolicySnapshot::describePurpose, changes);
        compare(index(previous.fields, FieldEntry::name), index(fields, FieldEntry::name), "data",
                FieldEntry::describe, changes);
        return changes;
    }

    private static String describePurpose(PurposeEntry p) {
        return p.title() + " (" + p.basis() + ", " + p.clause() + ")"
                + (p.notice() == null ? "" : ", asked with the notice \"" + p.notice() + "\"");
    }

    private static <T> Map<String, T> index(List<T> entries, java.util.function.Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(key.apply(e), e));
        return map;
    }

    private static <T> void compare(Map<String, T> before, Map<String, T> after, String kind,
            java.util.function.Function<T, String> describe, List<String> changes) {
        before.forEach((name, old) -> {
            T now = after.get(name);
            if (now == null) {
                changes.add("Removed " + kind + " " + name + ": " + describe.apply(old) + ".");
            } else if (!now.equals(old)) {
                changes.add("Changed " + kind + " " + name + ": now " + describe.apply(now) + "; was "
                        + describe.apply(old) + ".");
            }
        });
        after.forEach((name, now) -> {
            if (!before.containsKey(name)) {
                changes.add("Added " + kind + " " + name + ": " + describe.apply(now) + ".");
            }
        });
    }
}
