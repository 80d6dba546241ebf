package dev.streamrank.local.cli;

import java.nio.file.Path;

/**
 * Points Log4j at the CLI's configuration before the first logger exists: JSON lines to
 * {@code <log dir>/streamrank.log} ({@code .streamrank/logs} by default), and with
 * {@code --verbose} also to standard error. Picocli parses the options again later; this only reads
 * the two that must be known before logging starts.
 */
public final class LogSetup {

    public static final String DEFAULT_LOG_DIR = ".streamrank/logs";
    /** Folder of the model versions the demo trained, one subfolder per replayed data set. */
    public static final Path DEFAULT_MODEL_DIR = Path.of(".streamrank", "models");
    private static final String CONFIGURATION = "streamrank-local-log4j2.xml";

    private LogSetup() {
    }

    public static void configure(String[] args) {
        String logDir = DEFAULT_LOG_DIR;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--verbose") || args[i].equals("-v")) {
                verbose = true;
            } else if (args[i].equals("--log-dir") && i + 1 < args.length) {
                logDir = args[i + 1];
            } else if (args[i].startsWith("--log-dir=")) {
                logDir = args[i].substring("--log-dir=".length());
            }
        }

        System.setProperty("log4j2.configurationFile", CONFIGURATION);
        System.setProperty("streamrank.log.dir", logDir);
        System.setProperty("streamrank.stderr.level", verbose ? "INFO" : "OFF");
    }

    /** Returns the log file the configuration writes to. */
    public static Path logFile() {
        return Path.of(System.getProperty("streamrank.log.dir", DEFAULT_LOG_DIR), "streamrank.log");
    }
}
