/**
 * The rules for the path of a file, folder or link inside a backed-up or synced folder, which
 * the server checks when it accepts one and the client checks before it writes one (see
 * {@code docs/backup-format.md} and {@code docs/sync-protocol.md}).
 */
package dev.arca.protocol.path;
