package dev.streamrank.local.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the {@code --data} folder before anything starts, so a wrong path fails in a second with the fix. */
final class DemoData {

    static final String SOURCE = "https://grouplens.org/datasets/movielens/";

    private DemoData() {
    }

    /**
     * Returns the MovieLens release folder: {@code data} itself when it holds the ratings, or its
     * {@code ml-latest-small} subfolder.
     *
     * @throws IllegalArgumentException naming the path, what is missing and where to get it
     */
    static Path releaseFolder(Path data) {
        if (data == null) {
            throw new IllegalArgumentException("--data is required: the folder of a MovieLens release such as"
                    + " ml-latest-small (download it from " + SOURCE + " and unzip it)");
        }
        Path absolute = data.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("--data " + absolute + " is not a folder. Pass the unzipped MovieLens"
                    + " release, for example --data ../shared/data/ml-latest-small; GroupLens publishes it at " + SOURCE);
        }
        if (hasRatings(absolute)) {
            return absolute;
        }
        Path small = absolute.resolve("ml-latest-small");
        if (hasRatings(small)) {
            return small;
        }
        throw new IllegalArgumentException("--data " + absolute + " has no ratings.csv (nor ratings.dat or u.data)."
                + " Pass the unzipped MovieLens release folder, for example ml-latest-small with ratings.csv and"
                + " movies.csv; GroupLens publishes it at " + SOURCE);
    }

    private static boolean hasRatings(Path folder) {
        return Files.isRegularFile(folder.resolve("ratings.csv")) || Files.isRegularFile(folder.resolve("ratings.dat"))
                || Files.isRegularFile(folder.resolve("u.data"));
    }
}
