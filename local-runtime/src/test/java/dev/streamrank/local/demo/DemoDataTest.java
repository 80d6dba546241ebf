package dev.streamrank.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {

    @TempDir
    Path folder;

    @Test
    void missingFolderNamesPathAndSource() {
        Path missing = folder.resolve("nowhere");

        var error = assertThrows(IllegalArgumentException.class, () -> DemoData.releaseFolder(missing));

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("https://grouplens.org/datasets/movielens/"), error.getMessage());
    }

    @Test
    void folderWithoutRatingsIsRejected() {
        var error = assertThrows(IllegalArgumentException.class, () -> DemoData.releaseFolder(folder));

        assertTrue(error.getMessage().contains("ratings.csv"), error.getMessage());
        assertTrue(error.getMessage().contains(folder.toString()), error.getMessage());
    }

    @Test
    void acceptsReleaseFolder() throws Exception {
        Files.writeString(folder.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");

        assertEquals(folder.toAbsolutePath().normalize(), DemoData.releaseFolder(folder));
    }

    @Test
    void acceptsParentOfSmallRelease() throws Exception {
        Path release = Files.createDirectory(folder.resolve("ml-latest-small"));
        Files.writeString(release.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");

        assertEquals(release.toAbsolutePath().normalize(), DemoData.releaseFolder(folder));
    }
}
