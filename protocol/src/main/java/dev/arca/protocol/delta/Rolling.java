package dev.arca.protocol.delta;

/**
 * The rsync rolling checksum of a window: {@code a} is the sum of its bytes, {@code b} the sum of
 * the running sums, both modulo 2^16; sliding the window one byte costs a few additions.
 */
final class Rolling {

    private int a;
    private int b;
    private final int length;

    private Rolling(int a, int b, int length) {
        this.a = a;
        this.b = b;
        this.length = length;
    }

    static Rolling of(byte[] bytes, int from, int length) {
        int a = 0;
        int b = 0;
        for (int i = 0; i < length; i++) {
            a += bytes[from + i] & 0xff;
            b += (length - i) * (bytes[from + i] & 0xff);
        }
        return new Rolling(a & 0xffff, b & 0xffff, length);
    }

    /** Slides the window by one byte: {@code out} leaves at the front, {@code in} enters at the back. */
    void roll(byte out, byte in) {
        a = (a - (out & 0xff) + (in & 0xff)) & 0xffff;
        b = (b - length * (out & 0xff) + a) & 0xffff;
    }

    int value() {
        return (b << 16) | a;
    }
}
