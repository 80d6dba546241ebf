package dev.streamrank.local.kinesis;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A test handler that records every invocation and returns a scripted response. It also
 * tracks how many invocations run at once per shard, which must never pass one.
 */
final class RecordingHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    /** One received record: the shard from its event id, its sequence number and its data as text. */
    record Received(String shardId, String sequenceNumber, String data) {
    }

    private final List<List<Received>> invocations = new CopyOnWriteArrayList<>();
    private final List<KinesisEvent> events = new CopyOnWriteArrayList<>();
    private final List<Context> contexts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxInFlightPerShard = new AtomicInteger();
    private final BiFunction<Integer, List<Received>, StreamsEventResponse> script;

    /** @param script gets the invocation number (from 1) and the batch; may throw or return failures */
    RecordingHandler(BiFunction<Integer, List<Received>, StreamsEventResponse> script) {
        this.script = script;
    }

    static RecordingHandler alwaysSucceeding() {
        return new RecordingHandler((n, batch) -> new StreamsEventResponse(List.of()));
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        List<Received> batch = new ArrayList<>();
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            String shardId = record.getEventID().substring(0, record.getEventID().indexOf(':'));
            byte[] data = new byte[record.getKinesis().getData().remaining()];
            record.getKinesis().getData().get(data);
            batch.add(new Received(shardId, record.getKinesis().getSequenceNumber(),
                    new String(data, StandardCharsets.UTF_8)));
        }
        String shard = batch.isEmpty() ? "none" : batch.get(0).shardId();
        AtomicInteger running = inFlight.computeIfAbsent(shard, s -> new AtomicInteger());
        maxInFlightPerShard.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            int number;
            synchronized (invocations) {
                invocations.add(List.copyOf(batch));
                number = invocations.size();
            }
            events.add(event);
            contexts.add(context);
            return script.apply(number, batch);
        } finally {
            running.decrementAndGet();
        }
    }

    List<List<Received>> invocations() {
        return List.copyOf(invocations);
    }

    List<Received> allReceived() {
        return invocations.stream().flatMap(List::stream).toList();
    }

    List<KinesisEvent> events() {
        return List.copyOf(events);
    }

    List<Context> contexts() {
        return List.copyOf(contexts);
    }

    int maxInFlightPerShard() {
        return maxInFlightPerShard.get();
    }

    static StreamsEventResponse failFrom(String sequenceNumber) {
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
    }
}
