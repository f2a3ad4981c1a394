package dev.arca.protocol.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeltaTest {

    private static final int MAX = 4 << 20;

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] roundTrip(byte[] base, byte[] target) {
        byte[] delta = Delta.encode(target, Signature.decode(Signature.of(base).encode()));
        assertThat(Delta.apply(base, delta, MAX)).isEqualTo(target);
        return delta;
    }

    @Test
    void aOneByteOverwriteCostsAboutOneBlock() {
        byte[] base = random(1_000_000, 1);
        byte[] target = base.clone();
        target[500_000] ^= 1;
        assertThat(roundTrip(base, target).length).isLessThan(Signature.BLOCK + 64);
    }

    @Test
    void anInsertAndADeleteShiftTheRestWithoutResending() {
        byte[] base = random(1_000_000, 2);
        byte[] inserted = new byte[base.length + 1];
        System.arraycopy(base, 0, inserted, 0, 400_000);
        inserted[400_000] = 42;
        System.arraycopy(base, 400_000, inserted, 400_001, base.length - 400_000);
        assertThat(roundTrip(base, inserted).length).isLessThan(2 * Signature.BLOCK + 64);

        byte[] deleted = new byte[base.length - 3];
        System.arraycopy(base, 0, deleted, 0, 700_000);
        System.arraycopy(base, 700_003, deleted, 700_000, base.length - 700_003);
        assertThat(roundTrip(base, deleted).length).isLessThan(2 * Signature.BLOCK + 64);
    }

    @Test
    void edgeCasesRoundTrip() {
        byte[] base = random(10_000, 3);
        roundTrip(base, base.clone());
        roundTrip(base, new byte[0]);
        roundTrip(new byte[0], random(5000, 4));
        roundTrip(base, Arrays.copyOf(base, 100));
        roundTrip(random(100, 5), random(100, 6));
        // The base's short last block matches the target's end.
        byte[] longer = new byte[base.length + 50];
        System.arraycopy(random(50, 7), 0, longer, 0, 50);
        System.arraycopy(base, 0, longer, 50, base.length);
        assertThat(roundTrip(base, longer).length).isLessThan(200);
        // Unrelated content is all literal, a little larger than itself.
        assertThat(roundTrip(base, random(10_000, 8)).length).isBetween(10_000, 10_100);
    }

    @Test
    void malformedDeltasAndSignaturesAreRefused() {
        byte[] base = random(10_000, 9);
        byte[] delta = Delta.encode(base, Signature.of(base));
        assertThatThrownBy(() -> Delta.apply(base, Arrays.copyOf(delta, delta.length - 1), MAX))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delta.apply(base, "not a delta".getBytes(), MAX))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delta.apply(Arrays.copyOf(base, 2048), delta, MAX))
                .as("copies beyond a shorter base").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delta.apply(base, delta, 100)).as("more than the limit")
                .isInstanceOf(IllegalArgumentException.class);
        byte[] signature = Signature.of(base).encode();
        assertThatThrownBy(() -> Signature.decode(Arrays.copyOf(signature, signature.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
