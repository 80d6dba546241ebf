package dev.streamrank.functions;

import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.feature.FeatureConfig;
import java.util.Map;

/**
 * Everything a handler needs from outside, read in one place.
 *
 * <p>In Lambda, handlers use {@link #fromSystem()}: the process environment and the standard SDK
 * configuration. The local runtime and tests build one with {@link #of} so that the same handler
 * code runs against emulators or LocalStack.
 *
 * @param clients   factory of SDK clients; handlers call it once, at initialisation
 * @param resources stream, table and bucket names
 * @param features  featurization settings
 * @param settings  all environment-style settings, for handler-specific options
 */
public record FunctionEnvironment(
        AwsClients clients,
        StreamRankResources resources,
        FeatureConfig features,
        Map<String, String> settings) {

    public FunctionEnvironment {
        settings = Map.copyOf(settings);
    }

    public static FunctionEnvironment fromSystem() {
        Map<String, String> env = System.getenv();
        return new FunctionEnvironment(AwsClients.standard(), StreamRankResources.fromMap(env),
                FeatureConfig.fromMap(env), env);
    }

    public static FunctionEnvironment of(AwsClients clients, StreamRankResources resources, Map<String, String> settings) {
        return new FunctionEnvironment(clients, resources, FeatureConfig.fromMap(settings), settings);
    }

    /** Returns a setting, or {@code fallback} when absent or blank. */
    public String setting(String name, String fallback) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Returns an integer setting.
     *
     * @throws IllegalArgumentException naming the setting when its value is not an integer
     */
    public int intSetting(String name, int fallback) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + name + "='" + value + "': expected an integer", e);
        }
    }

    /**
     * Returns a decimal setting.
     *
     * @throws IllegalArgumentException naming the setting when its value is not a finite number
     */
    public double doubleSetting(String name, double fallback) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (!Double.isFinite(number)) {
                throw new NumberFormatException("not finite");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + name + "='" + value + "': expected a finite number", e);
        }
    }
}
