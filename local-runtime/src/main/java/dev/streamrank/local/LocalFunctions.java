package dev.streamrank.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.functions.FunctionEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The functions a {@link LocalRuntime} hosts: stream functions, each polled on one stream, and
 * HTTP functions, each served on its routes. Handlers are created once, when the runtime starts,
 * from the runtime's {@link FunctionEnvironment}, as Lambda creates them once per container.
 * Immutable; each {@code with} method returns a copy.
 */
public final class LocalFunctions {

    /** Creates a Kinesis-triggered handler. */
    public interface StreamHandlerFactory
            extends Function<FunctionEnvironment, RequestHandler<KinesisEvent, StreamsEventResponse>> {
    }

    /** Creates an API Gateway handler. */
    public interface HttpHandlerFactory
            extends Function<FunctionEnvironment, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> {
    }

    /**
     * A function triggered by a stream.
     *
     * @param name    function name, in logs, contexts and the on-failure destination
     * @param stream  picks the stream from the resource names
     * @param factory creates the handler
     */
    public record StreamFunction(String name, Function<StreamRankResources, String> stream, StreamHandlerFactory factory) {
    }

    /**
     * A function behind API routes.
     *
     * @param name      function name
     * @param routeKeys API Gateway route keys such as {@code "GET /users/{userId}/recommendations"}
     * @param factory   creates the handler
     */
    public record HttpFunction(String name, List<String> routeKeys, HttpHandlerFactory factory) {

        public HttpFunction {
            routeKeys = List.copyOf(routeKeys);
        }
    }

    private final List<StreamFunction> streamFunctions;
    private final List<HttpFunction> httpFunctions;

    private LocalFunctions(List<StreamFunction> streamFunctions, List<HttpFunction> httpFunctions) {
        this.streamFunctions = List.copyOf(streamFunctions);
        this.httpFunctions = List.copyOf(httpFunctions);
    }

    public static LocalFunctions none() {
        return new LocalFunctions(List.of(), List.of());
    }

    public LocalFunctions withStreamFunction(String name, Function<StreamRankResources, String> stream,
            StreamHandlerFactory factory) {
        requireNewName(name);
        List<StreamFunction> copy = new ArrayList<>(streamFunctions);
        copy.add(new StreamFunction(name, stream, factory));
        return new LocalFunctions(copy, httpFunctions);
    }

    public LocalFunctions withHttpFunction(String name, List<String> routeKeys, HttpHandlerFactory factory) {
        requireNewName(name);
        List<HttpFunction> copy = new ArrayList<>(httpFunctions);
        copy.add(new HttpFunction(name, routeKeys, factory));
        return new LocalFunctions(streamFunctions, copy);
    }

    public List<StreamFunction> streamFunctions() {
        return streamFunctions;
    }

    public List<HttpFunction> httpFunctions() {
        return httpFunctions;
    }

    private void requireNewName(String name) {
        boolean alreadyHosted = streamFunctions.stream().anyMatch(f -> f.name().equals(name))
                || httpFunctions.stream().anyMatch(f -> f.name().equals(name));
        if (alreadyHosted) {
            throw new IllegalArgumentException("a function named " + name + " is already hosted");
        }
    }
}
