package dev.glia.core.io;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.Tensor;
import dev.glia.api.TensorAllocationException;
import dev.glia.core.LayerTypes;
import dev.glia.core.Network;
import dev.glia.core.activations.Activations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a {@link Network} to one file and loads it onto any backend.
 *
 * <p>The file is a valid <a href="https://github.com/huggingface/safetensors">safetensors</a> file: an
 * 8-byte little-endian header length, a JSON header, then the weights as raw little-endian {@code F32} (or
 * {@code F64}) data, so other tools can read the weights. Layer {@code i}'s tensors (its parameters' values,
 * then its state) are {@code layers.i.NAME}, e.g. {@code layers.0.weight} ({@code [inputs, units]}) and
 * {@code layers.0.bias} ({@code [units]}) of a dense layer. The header's {@code __metadata__} holds {@code glia},
 * Glia's JSON description of the network (format version 2: dtype, input shape, and per layer its type, name,
 * configuration, output shape and tensor names; then the application's metadata), and {@code glia.sha256}, the
 * SHA-256 of that description's UTF-8 bytes followed by the data section. Files of format version 1 (dense layers
 * only) still load. A layer type is found by id in {@link dev.glia.core.LayerTypes}, built-ins and plugins.
 *
 * <p>Saving is atomic: the file is written under a temporary name in the same directory
 * ({@code .NAME.glia-PID-RANDOM.tmp}), forced to disk, then renamed over the target, so an interrupted save
 * leaves any old file intact; the next save into the directory removes what a crashed one left (see
 * {@code TemporaryFiles}). A new file gets the permissions the user's umask gives (0644 under umask 022); a
 * replaced file keeps its own. A network with a NaN or infinite weight is not saved.
 *
 * <p>Loading treats the file as hostile. It opens only a regular file (a FIFO or device is refused without
 * blocking), and validates, before anything is allocated: the header length (at most 16 MiB), every offset,
 * shape and size against the real file size, the description against the tensors (in time linear in the
 * header's size), and every tensor against the largest tensor the backend can give
 * ({@link Backend#maxTensorBytes()}) and against the Java heap the reading needs. Then it reads the data,
 * checks the checksum, and refuses NaN or infinite weights, naming the tensor and the first bad index. Every
 * problem is a {@link ModelFileException} with a one-sentence message naming the file.
 *
 * <pre>{@code
 * ModelFile.save(network, Path.of("model.safetensors"), Map.of("classes", "[\"cat\",\"dog\"]"));
 * try (Network copy = ModelFile.load(Path.of("model.safetensors"), otherBackend)) { ... }
 * }</pre>
 */
public final class ModelFile {
    /** The {@code format} value of Glia's description. */
    public static final String FORMAT = "glia.network";
    /** The description format this code writes; it reads this one and every earlier one. */
    public static final int FORMAT_VERSION = 2;
    /** The {@code __metadata__} key of the description. */
    public static final String DESCRIPTION_KEY = "glia";
    /** The {@code __metadata__} key of the checksum. */
    public static final String CHECKSUM_KEY = "glia.sha256";
    /** The largest header accepted when loading. */
    public static final long MAX_HEADER_BYTES = Safetensors.MAX_HEADER_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(ModelFile.class);

    private ModelFile() {}

    /** Saves {@code network} to {@code file}, atomically, replacing any file there. */
    public static void save(Network network, Path file) {
        save(network, file, Map.of());
    }

    /**
     * Saves {@code network} with the application's {@code metadata} (strings, e.g. class names), which
     * {@link #describe} gives back.
     */
    public static void save(Network network, Path file, Map<String, String> metadata) {
        save(network, file, metadata, UnaryOperator.identity());
    }

    /** {@link #save(Network, Path, Map)} writing through {@code wrap} (tests use it to interrupt a write). */
    static void save(
            Network network, Path file, Map<String, String> metadata, UnaryOperator<WritableByteChannel> wrap) {
        Objects.requireNonNull(network, "network");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelFileException(
                    "Cannot save model file " + file + ": the directory " + dir + " does not exist");
        }
        DType dtype = network.dtype();
        String code = dtype == DType.FLOAT64 ? "F64" : "F32";
        List<LayerDescription> layers = new ArrayList<>();
        List<TensorEntry> tensors = new ArrayList<>();
        List<byte[]> blobs = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < network.layers().size(); i++) {
            Layer layer = network.layers().get(i);
            Map<String, Tensor> named = new LinkedHashMap<>();
            layer.parameters().forEach(p -> named.put(p.name(), p.value()));
            named.putAll(layer.state());
            Map<String, String> names = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : named.entrySet()) {
                String tensor = "layers." + i + "." + e.getKey();
                byte[] blob = bytes(e.getValue(), dtype, tensor, file, layer.name());
                names.put(e.getKey(), tensor);
                tensors.add(new TensorEntry(tensor, code, e.getValue().shape().dims(), at, at + blob.length));
                at += blob.length;
                blobs.add(blob);
            }
            layers.add(new LayerDescription(layer.type(), layer.name(), layer.config(), layer.outputShape(), names));
        }
        String description = DescriptionJson.encode(
                new ModelDescription(FORMAT_VERSION, dtype, network.inputShape(), layers, metadata));
        MessageDigest sha = sha256();
        sha.update(Safetensors.utf8(description));
        blobs.forEach(sha::update);
        Map<String, String> header = new LinkedHashMap<>();
        header.put(DESCRIPTION_KEY, description);
        header.put(CHECKSUM_KEY, HexFormat.of().formatHex(sha.digest()));
        byte[] head = Safetensors.encodeHeader(header, tensors);
        TemporaryFiles.removeStale(target);
        Path tmp = null;
        try {
            tmp = TemporaryFiles.create(target);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    WritableByteChannel out = wrap.apply(channel)) {
                writeFully(out, head);
                for (byte[] blob : blobs) {
                    writeFully(out, blob);
                }
                channel.force(true);
            }
            keepPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.debug("Saved {} ({} layers, {} bytes)", target, layers.size(), head.length + at);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw new ModelFileException(
                    "Cannot save model file " + file + ": " + describe(e)
                            + (Files.exists(target) ? " (the existing file was left unchanged)" : ""),
                    e);
        } finally {
            TemporaryFiles.finished(tmp);
        }
    }

    /**
     * A file that replaces an existing one keeps that one's POSIX permissions (a user who restricted a model
     * file keeps it restricted); a new one has what the umask gives, like any file the user writes.
     */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.isRegularFile(target) && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    /** Loads the network in {@code file} onto {@code backend}, resolving activations with {@link Activations#discover()}. */
    public static Network load(Path file, Backend backend) {
        return load(file, backend, Activations::discover, LayerTypes::discover);
    }

    /**
     * Loads the network in {@code file} onto {@code backend}, resolving activation ids in {@code activations}.
     * The network keeps the file's dtype where the backend supports it, else FLOAT32.
     *
     * @throws ModelFileException when the file is missing, damaged, hostile, of a newer format, or names an
     *                            activation that {@code activations} does not know (the message lists the
     *                            ids present and how to add a plugin)
     */
    public static Network load(Path file, Backend backend, Activations activations) {
        Objects.requireNonNull(activations, "activations");
        return load(file, backend, () -> activations, LayerTypes::discover);
    }

    /**
     * Loads the network in {@code file} onto {@code backend}, resolving activation ids in {@code activations} and
     * layer types in {@code layerTypes} (e.g. {@link LayerTypes#discover(ClassLoader)} for plugins loaded by a
     * class loader of their own).
     *
     * @throws ModelFileException as {@link #load(Path, Backend, Activations)}, and for a layer type that
     *                            {@code layerTypes} does not know (the message lists the ids present)
     */
    public static Network load(Path file, Backend backend, Activations activations, LayerTypes layerTypes) {
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(layerTypes, "layerTypes");
        return load(file, backend, () -> activations, () -> layerTypes);
    }

    /** Loads with registries asked for only once the header is known to be sound. */
    private static Network load(
            Path file, Backend backend, Supplier<Activations> registry, Supplier<LayerTypes> layerTypes) {
        Objects.requireNonNull(backend, "backend");
        String name = file.toString();
        try (FileChannel channel = RegularFiles.openForReading(file, "Model file")) {
            Safetensors.Header header = Safetensors.readHeader(channel, name);
            ModelDescription d = describe(header, name);
            DType dtype = backend.supports(d.dtype()) ? d.dtype() : DType.FLOAT32;
            MemoryChecks.check(d, header, dtype, backend, name);
            Map<String, double[]> values = TensorData.read(
                    channel,
                    header,
                    name,
                    Safetensors.utf8(header.metadata().get(DESCRIPTION_KEY)),
                    header.metadata().get(CHECKSUM_KEY));
            if (dtype != d.dtype()) {
                LOG.info("Backend {} does not support {}; loading {} as {}", backend.name(), d.dtype(), name, dtype);
            }
            return NetworkReading.build(d, header, values, backend, dtype, registry.get(), layerTypes.get(), name);
        } catch (ModelFileException e) {
            throw e;
        } catch (TensorAllocationException e) {
            throw new ModelFileException("Model file " + name + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ModelFileException(
                    "Model file " + name + " does not fit in the Java heap (" + e.getMessage()
                            + "); raise -Xmx (for ./glia: GLIA_JAVA_OPTS=-Xmx16g) or load a smaller model",
                    e);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("Model file " + name + " does not exist", e);
        } catch (IOException e) {
            throw new ModelFileException("Cannot read model file " + name + ": " + describe(e), e);
        }
    }

    /**
     * What {@code file} holds, from its header alone: the layers, dtype and metadata. The header is validated
     * as for {@link #load}; the weights and the checksum are not read.
     */
    public static ModelDescription describe(Path file) {
        String name = file.toString();
        try (FileChannel channel = RegularFiles.openForReading(file, "Model file")) {
            return describe(Safetensors.readHeader(channel, name), name);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("Model file " + name + " does not exist", e);
        } catch (IOException e) {
            throw new ModelFileException("Cannot read model file " + name + ": " + describe(e), e);
        }
    }

    private static ModelDescription describe(Safetensors.Header header, String name) {
        String json = header.metadata().get(DESCRIPTION_KEY);
        if (json == null) {
            throw new ModelFileException("Model file " + name + " is a safetensors file without a Glia description"
                    + " (__metadata__[\"" + DESCRIPTION_KEY + "\"]); it was not written by Glia");
        }
        String checksum = header.metadata().get(CHECKSUM_KEY);
        if (checksum == null || !checksum.matches("[0-9a-f]{64}")) {
            throw new ModelFileException("Model file " + name + " has no valid checksum (__metadata__[\"" + CHECKSUM_KEY
                    + "\"]); it is damaged");
        }
        ModelDescription d = DescriptionJson.decode(json, name);
        String code = d.dtype() == DType.FLOAT64 ? "F64" : "F32";
        Set<String> used = new HashSet<>();
        int width = d.inputWidth();
        for (int i = 0; i < d.layers().size(); i++) {
            LayerDescription l = d.layers().get(i);
            String at = "Model file " + name + ", layer " + (i + 1) + " (" + l.name() + ")";
            for (Map.Entry<String, String> e : l.tensors().entrySet()) {
                TensorEntry t = header.tensor(e.getValue());
                if (t == null) {
                    throw new ModelFileException(
                            at + " names tensor '" + e.getValue() + "', which the file does not contain");
                }
                if (!used.add(e.getValue())) {
                    throw new ModelFileException(
                            at + " names tensor '" + e.getValue() + "', which another parameter uses too");
                }
                if (!t.dtype().equals(code)) {
                    throw new ModelFileException(at + ": tensor '" + e.getValue() + "' is " + t.dtype()
                            + " but the description says " + code);
                }
                if (d.formatVersion() == 1) {
                    int[] shape = LegacyLayer.fileShape(
                            e.getKey(), width, l.outputShape().size());
                    if (!Arrays.equals(t.shape(), shape)) {
                        throw new ModelFileException(at + ": tensor '" + e.getValue() + "' has shape "
                                + Arrays.toString(t.shape()) + " but the layer needs " + Arrays.toString(shape));
                    }
                }
            }
            width = l.outputShape().size();
        }
        for (TensorEntry t : header.tensors()) {
            if (!used.contains(t.name())) {
                throw new ModelFileException("Model file " + name + ": tensor '" + t.name()
                        + "' is not used by any layer; the file is damaged");
            }
        }
        return d;
    }

    /** A parameter's values as little-endian bytes; a non-finite value is refused, since loading would refuse it. */
    private static byte[] bytes(Tensor t, DType dtype, String tensor, Path file, String layer) {
        long size = (long) t.shape().size() * dtype.bytes();
        if (size > Integer.MAX_VALUE - 8) {
            throw new ModelFileException("Cannot save model file " + file + ": layer " + layer + "'s tensor '" + tensor
                    + "' " + t.shape() + " " + dtype + " has " + size + " bytes; a model file holds tensors of under"
                    + " 2 GiB each");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        String bad;
        if (dtype == DType.FLOAT64) {
            double[] values = t.toDoubleArray();
            bad = TensorData.firstNonFinite(values, tensor, t.shape().dims());
            buffer.asDoubleBuffer().put(values);
        } else {
            float[] values = t.toFloatArray();
            bad = TensorData.firstNonFinite(values, tensor, t.shape().dims());
            buffer.asFloatBuffer().put(values);
        }
        if (bad != null) {
            throw new ModelFileException("Cannot save model file " + file + ": layer " + layer + "'s " + bad
                    + "; a file with a non-finite weight could not be loaded (training diverged: lower the learning"
                    + " rate, or save an earlier network)");
        }
        return buffer.array();
    }

    private static void writeFully(WritableByteChannel out, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                LOG.warn("Could not delete the temporary file {}: {}", tmp, e.toString());
            }
        }
    }
}
