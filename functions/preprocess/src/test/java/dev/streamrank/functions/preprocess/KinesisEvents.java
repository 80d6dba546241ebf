package dev.streamrank.functions.preprocess;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.event.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Builds {@link KinesisEvent} objects the way the Lambda Kinesis event source delivers them: from the
 * event's JSON form, or from payloads with sequence numbers assigned in ascending order.
 */
final class KinesisEvents {

    static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/streamrank-interactions";
    static final String SHARD_ID = "shardId-000000000000";
    /** A sequence number of the real shape: 56 decimal digits. */
    static final BigInteger FIRST_SEQUENCE = new BigInteger("49590338271490256608559692538361571095921575989136588898");

    private KinesisEvents() {
    }

    /**
     * Parses a Lambda Kinesis event in its JSON form. {@code approximateArrivalTimestamp} is epoch
     * seconds with a fraction, and {@code data} is base64, as Lambda sends them.
     */
    static KinesisEvent fromJson(InputStream json) {
        JsonNode root;
        try {
            root = EventJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (JsonNode node : root.path("Records")) {
            JsonNode kinesis = node.path("kinesis");
            KinesisEvent.Record record = new KinesisEvent.Record();
            record.setKinesisSchemaVersion(kinesis.path("kinesisSchemaVersion").asText());
            record.setPartitionKey(kinesis.path("partitionKey").asText());
            record.setSequenceNumber(kinesis.path("sequenceNumber").asText());
            record.setData(ByteBuffer.wrap(Base64.getDecoder().decode(kinesis.path("data").asText())));
            long arrivalMillis = new BigDecimal(kinesis.path("approximateArrivalTimestamp").asText())
                    .movePointRight(3).longValue();
            record.setApproximateArrivalTimestamp(new Date(arrivalMillis));

            KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
            eventRecord.setKinesis(record);
            eventRecord.setEventSource(node.path("eventSource").asText());
            eventRecord.setEventVersion(node.path("eventVersion").asText());
            eventRecord.setEventID(node.path("eventID").asText());
            eventRecord.setEventName(node.path("eventName").asText());
            eventRecord.setInvokeIdentityArn(node.path("invokeIdentityArn").asText());
            eventRecord.setAwsRegion(node.path("awsRegion").asText());
            eventRecord.setEventSourceARN(node.path("eventSourceARN").asText());
            records.add(eventRecord);
        }

        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }

    /** Builds one batch of shard {@link #SHARD_ID}, sequence numbers from {@link #FIRST_SEQUENCE}. */
    static KinesisEvent batch(List<String> payloads, Instant arrival) {
        return batch(payloads, arrival, 0);
    }

    /**
     * Builds one batch whose first record has sequence number {@code FIRST_SEQUENCE + offset};
     * records are 1000 apart, as consecutive records of a real shard are spaced.
     */
    static KinesisEvent batch(List<String> payloads, Instant arrival, int offset) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            String sequenceNumber = sequenceNumber(offset + i);
            byte[] data = payloads.get(i).getBytes(StandardCharsets.UTF_8);

            KinesisEvent.Record record = new KinesisEvent.Record();
            record.setKinesisSchemaVersion("1.0");
            record.setPartitionKey(partitionKey(payloads.get(i)));
            record.setSequenceNumber(sequenceNumber);
            record.setData(ByteBuffer.wrap(data));
            record.setApproximateArrivalTimestamp(Date.from(arrival.plusMillis(i)));

            KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
            eventRecord.setKinesis(record);
            eventRecord.setEventSource("aws:kinesis");
            eventRecord.setEventVersion("1.0");
            eventRecord.setEventID(SHARD_ID + ":" + sequenceNumber);
            eventRecord.setEventName("aws:kinesis:record");
            eventRecord.setInvokeIdentityArn("arn:aws:iam::123456789012:role/streamrank-preprocess");
            eventRecord.setAwsRegion("us-east-1");
            eventRecord.setEventSourceARN(STREAM_ARN);
            records.add(eventRecord);
        }

        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }

    static String sequenceNumber(int index) {
        return FIRST_SEQUENCE.add(BigInteger.valueOf(index * 1000L)).toString();
    }

    /** The producer's partition key is the userId; a record that is not JSON gets a fixed key. */
    private static String partitionKey(String payload) {
        try {
            String userId = EventJson.MAPPER.readTree(payload).path("userId").asText();
            return userId.isEmpty() ? "unknown" : userId;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
