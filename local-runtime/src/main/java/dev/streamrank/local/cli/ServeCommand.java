package dev.streamrank.local.cli;

import dev.streamrank.local.LocalRuntime;
import dev.streamrank.local.StandardFunctions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: starts the local runtime and keeps the API up until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts the emulators (or uses --endpoint), the functions and the HTTP API, and keeps"
                + " them running until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT",
            description = "API port on 127.0.0.1; 0 takes a free one. Default: ${DEFAULT-VALUE}.")
    int port = 8080;

    @Mixin
    RuntimeOptionsMixin runtime;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        err.println("starting StreamRank (log: " + LogSetup.logFile().toAbsolutePath() + ")");
        err.flush();

        LocalRuntime started = LocalRuntime.start(runtime.toOptions(port), StandardFunctions.all());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            stopped.countDown();
        }, "streamrank-serve-shutdown"));

        Terminal.printServing(err, started);
        err.println("Ctrl-C stops the API and the emulators.");
        err.flush();
        stopped.await();
        return 0;
    }
}
