package dev.streamrank.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrank.event.EventJson;
import dev.streamrank.event.Interaction;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the local API the way a product backend would, over HTTP, so the demo exercises the same
 * path as curl.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ApiClient(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Returns the top {@code k} items for a user from {@code GET /users/{userId}/recommendations}. */
    Ranking recommendations(String userId, int k) throws IOException, InterruptedException {
        URI url = URI.create(baseUrl + "/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/recommendations?k=" + k);
        JsonNode body = send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(), 200);

        List<Ranking.Item> items = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            String itemId = item.path("itemId").asText();
            items.add(new Ranking.Item(itemId, item.path("title").asText(itemId), item.path("score").asDouble()));
        }
        return new Ranking(body.path("userId").asText(userId), body.path("strategy").asText("?"),
                body.path("modelVersion").asText("?"), items);
    }

    /**
     * Sends events to {@code POST /events} as one JSON array.
     *
     * @return the number of events the ingest function accepted
     */
    int sendEvents(List<Interaction> events) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder("[");
        for (Interaction event : events) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(EventJson.toJson(event).toString());
        }
        array.append(']');
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/events")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(array.toString())).build();
        return send(request, 202).path("accepted").asInt();
    }

    private JsonNode send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IOException(request.method() + " " + request.uri() + " returned " + response.statusCode()
                    + " (expected " + expectedStatus + "): " + abbreviate(response.body()));
        }
        return JSON.readTree(response.body());
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 500 ? String.valueOf(body) : body.substring(0, 500) + "...";
    }
}
