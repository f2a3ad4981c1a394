/**
 * Sending a changed chunk as the difference to a chunk the other side holds, as rsync does
 * within files: the holder describes its chunk by block checksums ({@link Signature}), the sender
 * encodes the new chunk as copies of matching blocks and literal bytes ({@link Delta}), and the
 * holder rebuilds it and checks its hash. The formats are in docs/sync-protocol.md.
 */
package dev.arca.protocol.delta;
