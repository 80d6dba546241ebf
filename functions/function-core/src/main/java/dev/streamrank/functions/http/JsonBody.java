package dev.streamrank.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.event.EventJson;
import java.io.IOException;
import java.util.Locale;

/** Reads a JSON request body after checking its media type and size. */
public final class JsonBody {

    private JsonBody() {
    }

    /**
     * Parses the body of a request that must carry JSON.
     *
     * <p>Accepted media types are {@code application/json} and any {@code application/*+json};
     * parameters such as {@code charset=utf-8} are ignored because JSON is UTF-8 by definition.
     *
     * @param maxBytes largest accepted body, in bytes, after base64 decoding
     * @throws ApiException 415 for another or a missing media type, 413 for a larger body
     * @throws InvalidRequestException 400 for an empty body or one that is not valid JSON
     */
    public static JsonNode read(HttpRequest request, int maxBytes) {
        checkMediaType(request.header("content-type"));

        byte[] body = request.body();
        if (body.length > maxBytes) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "the request body is " + body.length
                    + " bytes, larger than the limit of " + maxBytes + " bytes; split it into smaller requests");
        }
        if (body.length == 0) {
            throw InvalidRequestException.malformed("the request body is empty; send a JSON document", null);
        }

        try {
            return EventJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.malformed("the request body is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "; fix the JSON syntax", e);
        } catch (IOException e) {
            throw InvalidRequestException.malformed("the request body could not be read: " + e.getMessage(), e);
        }
    }

    private static void checkMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "the request has no Content-Type; send Content-Type: application/json");
        }

        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type '"
                    + FieldViolation.abbreviate(contentType) + "' is not supported; send Content-Type: application/json");
        }
    }
}
