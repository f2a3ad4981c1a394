package dev.arca.client.sync;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

/**
 * The name under which the losing side of a conflict is kept beside the winner:
 * {@code name (conflict from DEVICE, 2026-11-29 14.03).ext}, in the folder of the original, with
 * a counter when that name is taken too.
 */
final class ConflictNames {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm");

    private ConflictNames() {}

    static String of(String path, String device, Clock clock, Predicate<String> taken) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String label = "conflict from " + safe(device) + ", " + LocalDateTime.now(clock).format(WHEN);
        String candidate = dir + stem + " (" + label + ")" + ext;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = dir + stem + " (" + label + ", " + n + ")" + ext;
        }
        return candidate;
    }

    /** The device name with what file systems refuse in a name replaced. */
    private static String safe(String device) {
        String name = device == null || device.isBlank() ? "another device" : device.strip();
        return name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "-");
    }
}
