package io.mosaic.e2e.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the benchmark's tools: on the PATH, else in /usr/sbin or /sbin (Debian's servers, not on a normal user's PATH). */
final class Executable {

    private Executable() {
    }

    /** The path of executable {@code name}; fails with {@code package}'s install command when there is none. */
    static String find(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new IllegalStateException(name + " not found (PATH, /usr/sbin, /sbin): install it with apt-get install -y " + debianPackage);
    }
}
