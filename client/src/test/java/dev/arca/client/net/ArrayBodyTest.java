package dev.arca.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ArrayBodyTest {

    /** Collects what a body publishes, asking for {@code step} buffers at a time, from inside onNext too. */
    private static class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Throwable> errors = new ArrayList<>();
        final int step;
        int completions;
        Flow.Subscription subscription;

        Collector(int step) {
            this.step = step;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(step);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] copy = new byte[item.remaining()];
            item.get(copy);
            bytes.writeBytes(copy);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            errors.add(throwable);
        }

        @Override
        public void onComplete() {
            completions++;
        }
    }

    @Test
    void publishesThePartsInOrderOnceEachAndAgainForEverySubscription() {
        Random random = new Random(5);
        byte[] big = new byte[200_000];
        random.nextBytes(big);
        byte[] small = {1, 2, 3};
        ArrayBody body = new ArrayBody(List.of(small, new byte[0], big, small));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(small);
        expected.writeBytes(big);
        expected.writeBytes(small);

        assertThat(body.contentLength()).isEqualTo(expected.size());
        for (int step : new int[] {1, 3, Integer.MAX_VALUE}) {
            Collector collector = new Collector(step);
            body.subscribe(collector);
            assertThat(collector.bytes.toByteArray()).isEqualTo(expected.toByteArray());
            assertThat(collector.completions).isEqualTo(1);
            assertThat(collector.errors).isEmpty();
        }
    }

    @Test
    void stopsWhenCancelledAndRefusesANonPositiveDemand() {
        ArrayBody body = new ArrayBody(List.of(new byte[300_000]));
        Collector cancelled = new Collector(1) {
            @Override
            public void onNext(ByteBuffer item) {
                bytes.write(item.remaining());
                subscription.cancel();
                subscription.request(1);
            }
        };
        body.subscribe(cancelled);
        assertThat(cancelled.bytes.size()).isEqualTo(1);
        assertThat(cancelled.completions).isZero();

        Collector wrong = new Collector(0);
        body.subscribe(wrong);
        assertThat(wrong.errors).singleElement().isInstanceOf(IllegalArgumentException.class);
        assertThat(wrong.bytes.size()).isZero();
    }
}
