package dev.streamrank.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates (and on first use installs) the npm packages of the Node.js emulators.
 *
 * <p>The packages live in {@code emulators/npm} of the repository. The folder is found from, in
 * order: the system property {@code streamrank.emulators.npm}, the environment variable
 * {@code STREAMRANK_EMULATORS_NPM}, the system property {@code streamrank.repo.root} (set by the
 * build for tests), and the working directory and its parents.
 */
final class NodePackages {

    private static final Logger LOG = LoggerFactory.getLogger(NodePackages.class);
    private static final Path RELATIVE = Paths.get("emulators", "npm");

    private NodePackages() {
    }

    /** Returns the npm folder with {@code node_modules} installed. */
    static synchronized Path installed() {
        Path folder = locate();
        if (!Files.isDirectory(folder.resolve("node_modules/kinesis-local"))
                || !Files.isDirectory(folder.resolve("node_modules/dynalite"))) {
            install(folder);
        }
        return folder;
    }

    private static Path locate() {
        String explicit = System.getProperty("streamrank.emulators.npm", System.getenv("STREAMRANK_EMULATORS_NPM"));
        if (explicit != null && !explicit.isBlank()) {
            return requirePackageJson(Paths.get(explicit));
        }

        String root = System.getProperty("streamrank.repo.root");
        if (root != null && Files.exists(Paths.get(root).resolve(RELATIVE).resolve("package.json"))) {
            return Paths.get(root).resolve(RELATIVE).toAbsolutePath();
        }

        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(RELATIVE).resolve("package.json"))) {
                return dir.resolve(RELATIVE);
            }
        }
        throw new EmulatorException("emulators/npm/package.json not found from " + Paths.get("").toAbsolutePath()
                + "; run from the StreamRank repository or set STREAMRANK_EMULATORS_NPM to that folder");
    }

    private static Path requirePackageJson(Path folder) {
        if (!Files.exists(folder.resolve("package.json"))) {
            throw new EmulatorException("STREAMRANK_EMULATORS_NPM=" + folder + " contains no package.json;"
                    + " point it at the repository's emulators/npm folder");
        }
        return folder.toAbsolutePath();
    }

    private static void install(Path folder) {
        LOG.info("installing emulator packages with npm ci in {}", folder);
        Path log = folder.resolve("npm-install.log");
        try {
            Process process = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new EmulatorException("npm ci in " + folder + " timed out after 10 minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new EmulatorException("npm ci in " + folder + " failed with exit code " + process.exitValue()
                        + "; see " + log + " (Node.js 18+ and npm must be on PATH)");
            }
        } catch (IOException e) {
            throw new EmulatorException("could not run npm in " + folder + ": " + e.getMessage()
                    + "; install Node.js 18+ with npm and make sure npm is on PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("interrupted while installing emulator packages", e);
        }
    }
}
