package dev.streamrank.local;

import dev.streamrank.local.cli.LogSetup;
import dev.streamrank.events.replay.ReplayCommand;
import dev.streamrank.local.cli.ServeCommand;
import dev.streamrank.local.demo.DemoCommand;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code streamrank-local.jar}: runs StreamRank on this machine.
 *
 * <p>Progress and results go to the terminal; the JSON log goes to {@code .streamrank/logs/} (see
 * {@link LogSetup}).
 */
@Command(name = "streamrank", mixinStandardHelpOptions = true, version = "StreamRank local 0.1.0",
        description = "Runs StreamRank locally: Kinesis, DynamoDB and S3 emulators (or LocalStack with"
                + " --endpoint), the functions, and the HTTP API.",
        subcommands = {DemoCommand.class, ServeCommand.class, ReplayCommand.class})
public final class StreamRankCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Must run before any class creates a logger.
        LogSetup.configure(args);
        locateEmulatorPackages();
        int exitCode = new CommandLine(new StreamRankCli())
                .setExecutionExceptionHandler(StreamRankCli::reportFailure)
                .execute(args);
        System.exit(exitCode);
    }

    /**
     * Lets the jar find the repository's {@code emulators/npm} from its own location
     * ({@code local-runtime/target/}), so the CLI also works when started from another folder.
     * An explicit {@code streamrank.emulators.npm} or {@code STREAMRANK_EMULATORS_NPM} wins.
     */
    private static void locateEmulatorPackages() {
        if (System.getProperty("streamrank.emulators.npm") != null || System.getenv("STREAMRANK_EMULATORS_NPM") != null) {
            return;
        }
        try {
            Path jar = Path.of(StreamRankCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path npm = jar.getParent().resolve("../../emulators/npm").normalize();
            if (Files.isRegularFile(npm.resolve("package.json"))) {
                System.setProperty("streamrank.emulators.npm", npm.toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Not run from a jar in the repository; the emulators search from the working directory.
        }
    }

    /** Prints one readable line for a failed command and leaves the stack trace to the log file. */
    private static int reportFailure(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        LoggerFactory.getLogger(StreamRankCli.class).error("{} failed", commandLine.getCommandName(), error);
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (error instanceof IllegalArgumentException) {
            commandLine.getErr().println("error: " + message);
            return CommandLine.ExitCode.USAGE;
        }
        commandLine.getErr().println("error: " + message);
        commandLine.getErr().println("details: " + LogSetup.logFile().toAbsolutePath());
        return CommandLine.ExitCode.SOFTWARE;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
