package dev.streamrank.events.replay;

/** Points Log4j at the command-line configuration, which logs to standard error. */
final class CliLogging {

    static final String CONFIGURATION_PROPERTY = "log4j2.configurationFile";
    static final String CLI_CONFIGURATION = "streamrank-cli-log4j2.xml";

    private CliLogging() {
    }

    /**
     * Selects the CLI configuration unless the caller chose one. Must run before the first logger is
     * created: Log4j reads its configuration once.
     */
    static void useStandardError() {
        if (System.getProperty(CONFIGURATION_PROPERTY) == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty(CONFIGURATION_PROPERTY, CLI_CONFIGURATION);
        }
    }
}
