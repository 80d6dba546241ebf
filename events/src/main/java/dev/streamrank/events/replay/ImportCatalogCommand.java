package dev.streamrank.events.replay;

import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.events.movielens.MalformedLineException;
import dev.streamrank.events.movielens.MalformedLinePolicy;
import dev.streamrank.events.movielens.MovieLensDataset;
import dev.streamrank.state.ItemStateTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code import-catalog}: writes the titles and genres of a MovieLens release into the items table,
 * without sending events. Same output and exit codes as {@link ReplayCommand}.
 */
@Command(name = "import-catalog", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Imports a MovieLens catalog (titles, genres) into the DynamoDB items table.")
public final class ImportCatalogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--movielens", paramLabel = "DIR", required = true,
            description = "MovieLens release directory (movies.csv, movies.dat or u.item).")
    Path movieLens;

    @Option(names = "--items-table", paramLabel = "NAME",
            description = "DynamoDB items table. Default: STREAMRANK_ITEMS_TABLE or ${DEFAULT-VALUE}.")
    String itemsTable = System.getenv().getOrDefault("STREAMRANK_ITEMS_TABLE", StreamRankResources.DEFAULT_ITEMS_TABLE);

    @Option(names = "--skip-malformed",
            description = "Skip catalog lines that cannot be read, reporting each. Default: stop at the first one.")
    boolean skipMalformed;

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar.")
    boolean quiet;

    @Mixin
    AwsConnectionOptions connection;

    public static void main(String[] args) {
        CliLogging.useStandardError();
        System.exit(ReplayCommand.commandLine(new ImportCatalogCommand()).execute(args));
    }

    @Override
    public Integer call() {
        MovieLensDataset dataset;
        try {
            dataset = MovieLensDataset.open(movieLens,
                    skipMalformed ? MalformedLinePolicy.SKIP_AND_REPORT : MalformedLinePolicy.FAIL_FAST);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--movielens: " + e.getMessage());
        }

        ReplayListener listener = quiet ? ReplayListener.NONE : new ProgressBarListener(System.err);
        CatalogImporter importer = new CatalogImporter(new ItemStateTable(connection.clients().dynamoDb(), itemsTable));
        long startNanos = System.nanoTime();
        CatalogImporter.Result result = null;
        String error = null;
        listener.phaseStarted("catalog", -1);
        try {
            result = importer.importMovieLens(dataset, listener::progressed);
        } catch (ReplayException | MalformedLineException e) {
            error = e.getMessage();
        } finally {
            listener.phaseFinished("catalog");
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;

        // The same summary shape as a replay, with no events sent.
        ReplaySummary summary = new ReplaySummary(null, 0, 0, 0, dataset.report().count(),
                result == null ? 0 : result.imported(), result == null ? 0 : result.failed(), seconds,
                result == null ? List.of() : result.failures(), dataset.report().samples(), error);
        spec.commandLine().getOut().println(summary.toJsonLine());
        spec.commandLine().getOut().flush();
        if (error != null) {
            spec.commandLine().getErr().println("import-catalog stopped: " + error);
        }
        return summary.succeeded() ? 0 : ReplayCommand.EXIT_FAILED;
    }
}
