package org.hpo4j.tune;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test classes seen through an objective index that lists some of them, as the processor would write it. */
final class IndexedClasses {
    private IndexedClasses() {
    }

    /** A loader over the test classes whose index, in a new folder under {@code dir}, lists {@code classes}. */
    static URLClassLoader loader(Path dir, Class<?>... classes) throws IOException {
        Path root = Files.createTempDirectory(dir, "cp");
        Path index = root.resolve(ObjectiveClasses.INDEX);
        Files.createDirectories(index.getParent());
        StringBuilder names = new StringBuilder();
        for (Class<?> c : classes) {
            names.append(c.getName()).append('\n');
        }
        Files.writeString(index, names.toString());
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, IndexedClasses.class.getClassLoader());
    }
}
