package dev.arca.sharing;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A share's downloads, counted by the bytes sent, whatever the request looked like: a response
 * that sends {@code n} bytes of a file of {@code size} bytes adds {@code n / size} of a download,
 * so the whole file in one request, in two halves, or as a player's many ranges is one download,
 * and so is a ZIP of the whole share. Each whole download is added to the share's count; the
 * fraction since the last one is kept here.
 *
 * <p>With {@code maxDownloads}, a response is refused once the count plus that fraction reaches the
 * limit. What a response is going to send is taken before its first byte (so parallel requests
 * cannot all pass the limit at once) and what it did not send, because the client went away, is
 * given back: in all, at most one response's worth more than the limit is ever sent.
 *
 * <p>The fraction lives in this process: a restart, or each further node serving the same share,
 * forgets at most a download's worth (see ARCHITECTURE.md, known limits).
 */
@Component
class DownloadTally {

    /** One download, in the millionths the tally counts in, so fractions add up without drift. */
    static final long WHOLE = 1_000_000;

    private final Shares shares;
    /** Millionths of a download sent per share id and not yet counted; below zero after a give-back. */
    private final ConcurrentHashMap<String, Long> open = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];

    DownloadTally(Shares shares) {
        this.shares = shares;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** {@code bytes} of a file of {@code size} bytes, in millionths of a download, rounded up (exact below 9 TB). */
    static long share(long bytes, long size) {
        return size <= 0 ? 0 : bytes / size * WHOLE + Math.ceilDiv(bytes % size * WHOLE, size);
    }

    /**
     * Takes {@code millionths} of a download for a response about to be sent; false (nothing taken)
     * when the share's limit is reached.
     */
    boolean take(Shares.Found found, long millionths) {
        String id = found.share().id();
        synchronized (lock(id)) {
            long pending = open.getOrDefault(id, 0L);
            Integer max = found.share().maxDownloads();
            if (max != null && shares.downloads(id) * WHOLE + pending >= max * WHOLE) {
                return false;
            }
            pending += millionths;
            long whole = Math.floorDiv(pending, WHOLE);
            if (whole > 0) {
                shares.addDownloads(id, (int) whole);
                pending -= whole * WHOLE;
            }
            remember(id, pending);
            return true;
        }
    }

    /** Gives back what a response took and did not send. */
    void giveBack(Shares.Found found, long millionths) {
        String id = found.share().id();
        synchronized (lock(id)) {
            remember(id, open.getOrDefault(id, 0L) - millionths);
        }
    }

    private void remember(String id, long pending) {
        if (pending == 0) {
            open.remove(id);
        } else {
            open.put(id, pending);
        }
    }

    private Object lock(String id) {
        return locks[Math.floorMod(id.hashCode(), locks.length)];
    }
}
