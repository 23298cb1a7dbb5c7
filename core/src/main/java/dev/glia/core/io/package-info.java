/**
 * Model files: one file per network, in the safetensors layout (an 8-byte little-endian header length, a
 * JSON header, then the raw little-endian tensor data), with Glia's own JSON description of the network in
 * the header's {@code __metadata__}. {@link dev.glia.core.io.ModelFile} saves atomically and loads onto any
 * backend after validating every size, offset, shape and a SHA-256 checksum, so a damaged or hostile file
 * gives a {@link dev.glia.core.io.ModelFileException}, never a crash or an out-of-memory.
 */
package dev.glia.core.io;
