package dev.streamrank.training;

import picocli.CommandLine.Option;

/**
 * The {@code -h, --help} option of every subcommand. picocli's standard help mixin also adds
 * {@code -V, --version}, which clashes with the model {@code --version} option of train, evaluate
 * and publish; picocli 4.7.7 then drops the whole mixin, {@code --help} included.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean requested;
}
