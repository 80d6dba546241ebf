package dev.streamrank.functions.rank;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrank.event.EventJson;
import dev.streamrank.rank.RankedItem;
import dev.streamrank.rank.Ranking;

/** The response body of both ranking routes; the OpenAPI document's {@code Ranking} schema. */
final class RankingJson {

    private RankingJson() {
    }

    static ObjectNode toJson(Ranking ranking, boolean degraded) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.put("userId", ranking.userId());
        body.put("modelVersion", ranking.modelVersion());
        body.put("strategy", ranking.strategy().wireName());
        body.put("degraded", degraded);

        ArrayNode items = body.putArray("items");
        for (RankedItem item : ranking.items()) {
            ObjectNode entry = items.addObject();
            entry.put("itemId", item.itemId());
            entry.put("score", item.score());
            entry.put("rank", item.rank());
            if (item.title() != null) {
                entry.put("title", item.title());
            }
            ObjectNode explanation = entry.putObject("explanation");
            explanation.put("cooccurrence", item.explanation().cooccurrence());
            explanation.put("popularity", item.explanation().popularity());
            ArrayNode because = explanation.putArray("because");
            item.explanation().because().forEach(because::add);
        }

        ObjectNode filtered = body.putObject("filtered");
        filtered.put("consumed", ranking.filtered().consumed());
        filtered.put("excluded", ranking.filtered().excluded());
        filtered.put("duplicates", ranking.filtered().duplicates());
        ArrayNode unknown = filtered.putArray("unknown");
        ranking.filtered().unknown().forEach(unknown::add);
        return body;
    }
}
