/**
 * Content-defined chunking ({@link dev.arca.protocol.chunk.FastCdc}) and content hashes
 * ({@link dev.arca.protocol.chunk.ContentHash}). Client and server cut and name chunks with this
 * code so that both arrive at the same chunks for the same bytes.
 */
package dev.arca.protocol.chunk;
