package dev.streamrank.local.cli;

import dev.streamrank.aws.AwsClients;
import dev.streamrank.local.LocalRuntime;
import java.io.PrintWriter;

/** Terminal output for people: where things run and what to try next. */
public final class Terminal {

    private Terminal() {
    }

    /** Prints the API address, the service endpoints and example commands with the real ports. */
    public static void printServing(PrintWriter out, LocalRuntime runtime) {
        String api = String.valueOf(runtime.apiBaseUrl());
        out.println();
        out.println("StreamRank is running on " + runtime.backendDescription());
        out.println("  API:      " + api);
        AwsClients.Endpoints endpoints = runtime.clients().endpoints();
        if (endpoints != null) {
            out.println("  Kinesis:  " + endpoints.kinesis());
            out.println("  DynamoDB: " + endpoints.dynamodb());
            out.println("  S3:       " + endpoints.s3());
        }
        out.println();
        out.println("Try:");
        out.println("  curl -s " + api + "/health");
        out.println("  curl -s '" + api + "/users/1/recommendations?k=10'");
        out.println("  curl -s -X POST " + api + "/events -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"eventId\":\"e-1\",\"userId\":\"1\",\"itemId\":\"318\",\"type\":\"rating\",\"value\":5,"
                + "\"timestamp\":\"2026-01-01T12:00:00Z\"}'");
        out.println("  curl -s -X POST " + api + "/rank -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"userId\":\"1\",\"candidates\":[\"1\",\"318\",\"2571\"]}'");
        out.println("  curl -s " + api + "/openapi.yaml");
        if (endpoints != null) {
            out.println("Replay MovieLens into this runtime from another terminal:");
            out.println("  java -jar local-runtime/target/streamrank-local.jar replay --movielens DIR --catalog"
                    + " --endpoint " + endpoints.kinesis() + " --dynamodb-endpoint " + endpoints.dynamodb());
        }
        out.println();
        out.flush();
    }
}
