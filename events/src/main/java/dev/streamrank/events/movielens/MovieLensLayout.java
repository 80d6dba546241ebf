package dev.streamrank.events.movielens;

import java.nio.file.Files;
import java.nio.file.Path;

/** The three file layouts GroupLens has published MovieLens in. */
public enum MovieLensLayout {
    /** {@code ratings.csv} and {@code movies.csv} with header rows: ml-latest-small, ml-latest, ml-25m, ml-32m. */
    CSV("ratings.csv", "movies.csv", "ml-latest-small, ml-25m, ml-32m"),
    /** {@code ratings.dat} and {@code movies.dat}, {@code ::}-separated: ml-1m. */
    DAT("ratings.dat", "movies.dat", "ml-1m"),
    /** {@code u.data} (tab-separated) and {@code u.item} (pipe-separated, genre flags): ml-100k. */
    U_DATA("u.data", "u.item", "ml-100k");

    private final String ratingsFile;
    private final String catalogFile;
    private final String releases;

    MovieLensLayout(String ratingsFile, String catalogFile, String releases) {
        this.ratingsFile = ratingsFile;
        this.catalogFile = catalogFile;
        this.releases = releases;
    }

    public String ratingsFile() {
        return ratingsFile;
    }

    public String catalogFile() {
        return catalogFile;
    }

    /**
     * Finds the layout of a MovieLens directory from the files it contains.
     *
     * @throws IllegalArgumentException naming the directory and the files each layout needs, when no
     *                                  layout matches or a layout is only half present
     */
    public static MovieLensLayout detect(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("MovieLens directory " + directory + " does not exist or is not"
                    + " a directory; pass the folder that contains " + expectedFiles());
        }

        for (MovieLensLayout layout : values()) {
            boolean ratings = Files.isRegularFile(directory.resolve(layout.ratingsFile));
            boolean catalog = Files.isRegularFile(directory.resolve(layout.catalogFile));
            if (ratings && catalog) {
                return layout;
            }
            if (ratings || catalog) {
                String missing = ratings ? layout.catalogFile : layout.ratingsFile;
                String found = ratings ? layout.ratingsFile : layout.catalogFile;
                throw new IllegalArgumentException("MovieLens directory " + directory + " contains " + found
                        + " but not " + missing + "; the " + layout.releases + " layout needs both files");
            }
        }
        throw new IllegalArgumentException("no MovieLens files found in " + directory + "; expected "
                + expectedFiles());
    }

    private static String expectedFiles() {
        StringBuilder text = new StringBuilder();
        MovieLensLayout[] layouts = values();
        for (int i = 0; i < layouts.length; i++) {
            MovieLensLayout layout = layouts[i];
            if (i > 0) {
                text.append(i == layouts.length - 1 ? ", or " : ", ");
            }
            text.append(layout.ratingsFile).append(" and ").append(layout.catalogFile)
                    .append(" (").append(layout.releases).append(')');
        }
        return text.toString();
    }
}
