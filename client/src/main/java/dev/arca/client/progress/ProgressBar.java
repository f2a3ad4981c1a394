package dev.arca.client.progress;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a {@link Meter} on standard error while work runs: at a terminal, one line redrawn in
 * place four times a second (files, bytes, rate and time left when the totals are known); when
 * the output goes to a file or a pipe, a plain line every ten seconds, so logs stay readable.
 * Closing it shows the final state.
 */
public final class ProgressBar implements AutoCloseable {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private final PrintWriter out;
    private final String label;
    private final Meter meter;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final Thread ticker;
    private int lastWidth;

    private ProgressBar(PrintWriter out, String label, Meter meter, boolean terminal) {
        this.out = out;
        this.label = label;
        this.meter = meter;
        this.terminal = terminal;
        Duration every = terminal ? Duration.ofMillis(250) : Duration.ofSeconds(10);
        this.ticker = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Thread.sleep(every);
                    show(false);
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    /** Starts showing {@code meter}, as a bar at a terminal or as plain lines otherwise. */
    public static ProgressBar start(PrintWriter out, String label, Meter meter) {
        return new ProgressBar(out, label, meter, interactive());
    }

    /**
     * Whether a person is at a terminal. Since Java 22 a console exists even when the streams are
     * redirected, and {@code isTerminal} tells; on Java 21 a console exists only at a terminal.
     */
    public static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            show(true);
        }
    }

    private synchronized void show(boolean last) {
        String line = line(meter.read(), (System.nanoTime() - started) / 1e9);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())) + (last ? "\n" : ""));
            lastWidth = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The text of one reading after {@code seconds}. */
    String line(Meter.Reading r, double seconds) {
        StringBuilder line = new StringBuilder(label).append(": ");
        line.append(r.files()).append(r.totalFiles() >= 0 ? "/" + r.totalFiles() : "").append(" files, ");
        line.append(size(r.bytes())).append(r.totalBytes() >= 0 ? "/" + size(r.totalBytes()) : "");
        double rate = seconds > 0 ? r.bytes() / seconds : 0;
        line.append(", ").append(size((long) rate)).append("/s");
        if (r.totalBytes() > 0 && rate > 0 && r.bytes() < r.totalBytes()) {
            long left = (long) ((r.totalBytes() - r.bytes()) / rate);
            line.append(String.format(Locale.ROOT, ", %d:%02d left", left / 60, left % 60));
        }
        return line.toString();
    }

    public static String size(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
