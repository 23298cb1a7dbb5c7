package dev.glia.core.io;

import dev.glia.core.Network;
import dev.glia.testkit.ReferenceBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link TemporaryFilesTest}: saves a small network to {@code args[0]}, writes part of it,
 * prints {@code writing}, and then hangs inside the save until it is killed, as a crash between write and rename
 * would leave it.
 */
public final class InterruptedSaveMain {
    private InterruptedSaveMain() {}

    /** See the class description. */
    public static void main(String[] args) {
        try (ReferenceBackend backend = new ReferenceBackend();
                Network net = Network.builder(backend)
                        .seed(1)
                        .input(3)
                        .dense(2, "relu")
                        .build()) {
            ModelFile.save(net, Path.of(args[0]), Map.of(), channel -> new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    int n = channel.write(src);
                    System.out.println("writing");
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return channel.isOpen();
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            });
        }
    }
}
