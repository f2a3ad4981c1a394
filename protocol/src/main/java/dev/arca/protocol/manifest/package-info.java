/**
 * File manifests: the ordered list of chunks a file is made of, with its size and hash, and
 * their canonical text form (see {@code docs/storage-format.md}).
 */
package dev.arca.protocol.manifest;
