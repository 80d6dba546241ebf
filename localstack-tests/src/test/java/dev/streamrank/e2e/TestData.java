package dev.streamrank.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared MovieLens data: {@code STREAMRANK_DATA}, else the {@code streamrank.data} property. */
final class TestData {

    private TestData() {
    }

    /** Returns the folder that contains {@code ml-latest-small/}, or null when it is absent. */
    static Path movieLensSmall() {
        for (String candidate : new String[] {System.getenv("STREAMRANK_DATA"), System.getProperty("streamrank.data")}) {
            if (candidate != null && !candidate.isBlank()
                    && Files.isRegularFile(Path.of(candidate, "ml-latest-small", "ratings.csv"))) {
                return Path.of(candidate);
            }
        }
        return null;
    }
}
