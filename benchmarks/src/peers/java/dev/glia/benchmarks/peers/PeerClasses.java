package dev.glia.benchmarks.peers;

/** Whether a peer's library is on the class path (a stale build may have the peers' classes but not their jars). */
final class PeerClasses {
    private PeerClasses() {}

    static String missing(String className, String what) {
        try {
            Class.forName(className, false, PeerClasses.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return what + " is not on the class path: build the module with -Pbench (benchmarks/run does)";
        }
    }
}
