package dev.streamrank.local.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

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

    /**
     * Returns a short key for the replayed data: the sha256 of the ratings file with the slice
     * options, 16 hex digits. Two demos on the same file and slice get the same key.
     */
    static String dataKey(Path release, long users, long limit) throws IOException {
        Path ratings = Stream.of("ratings.csv", "ratings.dat", "u.data").map(release::resolve)
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IOException("no ratings file in " + release));
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(ratings)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        digest.update(("|users=" + users + "|limit=" + limit).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static boolean hasRatings(Path folder) {
        return Files.isRegularFile(folder.resolve("ratings.csv")) || Files.isRegularFile(folder.resolve("ratings.dat"))
                || Files.isRegularFile(folder.resolve("u.data"));
    }
}
