package dev.streamrank.local.kinesis;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Builds the {@link KinesisEvent} Lambda delivers for a batch read from one shard: the record data
 * as bytes, sequence number, partition key and arrival time, plus the event source fields
 * ({@code eventSource "aws:kinesis"}, {@code eventID "shardId-...:sequence"}, stream ARN, region).
 */
final class KinesisEventFactory {

    private final String streamArn;
    private final String region;
    private final String invokeIdentityArn;

    KinesisEventFactory(String streamArn, String region, String invokeIdentityArn) {
        this.streamArn = streamArn;
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    /** Builds a new event; each call copies the data, so a handler that consumes a buffer cannot affect a retry. */
    KinesisEvent create(String shardId, List<Record> records) {
        List<KinesisEvent.KinesisEventRecord> eventRecords = new ArrayList<>(records.size());
        for (Record record : records) {
            eventRecords.add(eventRecord(shardId, record));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(eventRecords);
        return event;
    }

    private KinesisEvent.KinesisEventRecord eventRecord(String shardId, Record record) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setKinesisSchemaVersion("1.0");
        kinesis.setPartitionKey(record.partitionKey());
        kinesis.setSequenceNumber(record.sequenceNumber());
        kinesis.setData(ByteBuffer.wrap(record.data().asByteArray()));
        if (record.approximateArrivalTimestamp() != null) {
            kinesis.setApproximateArrivalTimestamp(Date.from(record.approximateArrivalTimestamp()));
        }

        KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
        eventRecord.setKinesis(kinesis);
        eventRecord.setEventSource("aws:kinesis");
        eventRecord.setEventVersion("1.0");
        eventRecord.setEventID(shardId + ":" + record.sequenceNumber());
        eventRecord.setEventName("aws:kinesis:record");
        eventRecord.setInvokeIdentityArn(invokeIdentityArn);
        eventRecord.setAwsRegion(region);
        eventRecord.setEventSourceARN(streamArn);
        return eventRecord;
    }
}
