package dev.glia.spark;

import dev.glia.core.Network;
import dev.glia.core.io.ModelFile;
import dev.glia.core.optim.OptimizerState;
import dev.glia.core.training.FlatParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints of a run in a directory of any Hadoop file system (HDFS, S3A, a local path): after epoch
 * {@code e}, a directory {@code epoch-00000e} holding {@code model.glia} (the network) and
 * {@code optimizer.state} ({@link OptimizerState#toBytes()}). Each is written whole under a temporary name
 * and renamed into place, so a crash leaves the previous checkpoint and a temporary directory, never half a
 * checkpoint.
 */
final class Checkpoints {
    static final String MODEL = "model.glia";
    static final String OPTIMIZER = "optimizer.state";
    private static final Pattern EPOCH = Pattern.compile("epoch-(\\d{6})");

    private final FileSystem fs;
    private final Path dir;

    Checkpoints(String dir, Configuration conf) {
        try {
            this.dir = new Path(dir);
            this.fs = this.dir.getFileSystem(conf);
            fs.mkdirs(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the checkpoint directory " + dir, e);
        }
    }

    /** Writes the checkpoint of {@code epoch} atomically, replacing one of the same epoch. */
    void write(int epoch, Network network, OptimizerState state) {
        Path tmp = new Path(dir, "_tmp-" + name(epoch) + "-" + UUID.randomUUID());
        Path target = new Path(dir, name(epoch));
        try {
            fs.mkdirs(tmp);
            put(new Path(tmp, MODEL), modelBytes(network));
            put(new Path(tmp, OPTIMIZER), state.toBytes());
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("the file system refused to rename " + tmp + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint of epoch " + epoch + " to " + dir, e);
        }
    }

    /** The last epoch checkpointed, or 0 when there is none. */
    int latest() {
        try {
            int last = 0;
            for (FileStatus s : fs.listStatus(dir)) {
                Matcher m = EPOCH.matcher(s.getPath().getName());
                if (s.isDirectory() && m.matches()) {
                    last = Math.max(last, Integer.parseInt(m.group(1)));
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the checkpoint directory " + dir, e);
        }
    }

    /** Sets {@code network}'s weights and running statistics to those of the checkpoint of {@code epoch}. */
    void restoreWeights(int epoch, Network network) {
        try {
            java.nio.file.Path local = Files.createTempFile("glia-checkpoint-", ".glia");
            try {
                Files.write(local, get(new Path(new Path(dir, name(epoch)), MODEL)));
                try (Network saved = ModelFile.load(local, network.backend())) {
                    FlatParameters.write(network, FlatParameters.read(saved));
                    FlatParameters.writeState(network, FlatParameters.readState(saved));
                }
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoint of epoch " + epoch + " in " + dir, e);
        }
    }

    /** The optimiser state of the checkpoint of {@code epoch}. */
    OptimizerState optimizerState(int epoch) {
        try {
            return OptimizerState.fromBytes(get(new Path(new Path(dir, name(epoch)), OPTIMIZER)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the optimiser state of epoch " + epoch + " in " + dir, e);
        }
    }

    static String name(int epoch) {
        return String.format(Locale.ROOT, "epoch-%06d", epoch);
    }

    /** The bytes of {@code network}'s model file. */
    static byte[] modelBytes(Network network) {
        try {
            java.nio.file.Path local = Files.createTempFile("glia-model-", ".glia");
            try {
                ModelFile.save(network, local);
                return Files.readAllBytes(local);
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the model file in the temporary directory", e);
        }
    }

    private void put(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(bytes);
        }
    }

    private byte[] get(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }
}
