package dev.arca.support;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a test server's mail lands: the outbox folder (SQLite server) or a real SMTP server (PostgreSQL server). */
public interface Mailbox {

    /** The plain-text bodies of every message to {@code address}, oldest first. */
    List<String> messagesTo(String address);

    /**
     * The last link in the newest message to {@code address} whose path starts with {@code path},
     * waiting a few seconds for mail that is sent in the background (password resets).
     */
    default String latestLink(String address, String path) {
        Pattern link = Pattern.compile("https?://[^\\s\"<]+" + Pattern.quote(path) + "[^\\s\"<]*");
        return awaitMessageTo(address, m -> link.matcher(m).find(), "a link to " + path, messages -> {
            for (int i = messages.size() - 1; i >= 0; i--) {
                Matcher m = link.matcher(messages.get(i));
                String found = null;
                while (m.find()) {
                    found = m.group();
                }
                if (found != null) {
                    return found;
                }
            }
            throw new IllegalStateException();
        });
    }

    /** The newest message to {@code address} that {@code matches}, waiting up to ten seconds for it. */
    default String awaitMessageTo(String address, Predicate<String> matches) {
        return awaitMessageTo(address, matches, "the message", messages -> messages.reversed().stream().filter(matches)
                .findFirst().orElseThrow());
    }

    private <T> T awaitMessageTo(String address, Predicate<String> matches, String what, Function<List<String>, T> pick) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<String> messages = messagesTo(address);
            if (messages.stream().anyMatch(matches)) {
                return pick.apply(messages);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No mail to the address with " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
