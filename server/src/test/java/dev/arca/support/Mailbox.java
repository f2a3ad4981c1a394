package dev.arca.support;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a test server's mail lands: the outbox folder (SQLite server) or a real SMTP server (PostgreSQL server). */
public interface Mailbox {

    /** The plain-text bodies of every message to {@code address}, oldest first. */
    List<String> messagesTo(String address);

    /** The last link in the newest message to {@code address} whose path starts with {@code path}. */
    default String latestLink(String address, String path) {
        List<String> messages = messagesTo(address);
        Pattern link = Pattern.compile("https?://[^\\s\"<]+" + Pattern.quote(path) + "[^\\s\"<]*");
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
        throw new AssertionError("No mail to the address with a link to " + path);
    }
}
