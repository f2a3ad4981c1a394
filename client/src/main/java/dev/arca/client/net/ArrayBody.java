package dev.arca.client.net;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body sent from the caller's arrays as they are. The HTTP client's own array bodies
 * copy every byte into buffers of their own first, so a pack of chunks in flight costs twice its
 * size in heap and as much again in garbage; this one hands out views of the arrays, which the
 * caller must not change until the request is answered. Each subscription (a retry, a redirect)
 * starts again from the first byte.
 */
final class ArrayBody implements HttpRequest.BodyPublisher {

    private static final int SLICE = 64 * 1024;

    private final List<byte[]> parts;
    private final long length;

    ArrayBody(List<byte[]> parts) {
        this.parts = List.copyOf(parts);
        this.length = this.parts.stream().mapToLong(part -> part.length).sum();
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Slices(subscriber));
    }

    /**
     * Hands out slices as demanded. Calls from the subscriber back into {@link #request} while a
     * slice is being delivered only add demand; the loop already running delivers it.
     */
    private final class Slices implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean done;
        private int part;
        private int offset;

        Slices(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (done) {
                return;
            }
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("demand must be positive, not " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (pending.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                deliver();
                missed = pending.addAndGet(-missed);
            } while (missed != 0);
        }

        private void deliver() {
            while (!done && demand.get() > 0) {
                while (part < parts.size() && offset == parts.get(part).length) {
                    part++;
                    offset = 0;
                }
                if (part == parts.size()) {
                    done = true;
                    subscriber.onComplete();
                    return;
                }
                byte[] bytes = parts.get(part);
                int n = Math.min(SLICE, bytes.length - offset);
                ByteBuffer slice = ByteBuffer.wrap(bytes, offset, n).slice();
                offset += n;
                demand.decrementAndGet();
                subscriber.onNext(slice);
            }
        }

        @Override
        public void cancel() {
            done = true;
        }
    }
}
