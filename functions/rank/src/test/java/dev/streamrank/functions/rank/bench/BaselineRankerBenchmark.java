package dev.streamrank.functions.rank.bench;

import dev.streamrank.event.EventTypes;
import dev.streamrank.rank.BaselineRanker;
import dev.streamrank.rank.BaselineRankerConfig;
import dev.streamrank.rank.Catalog;
import dev.streamrank.rank.RankRequest;
import dev.streamrank.rank.Ranking;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the baseline scoring path, without DynamoDB: top-k over the whole catalog, re-ranking
 * a supplied list, and building a catalog snapshot.
 *
 * <p>The data is synthetic and seeded: item popularity follows a power law, each item keeps 100
 * co-occurrence neighbours (the default bound), and the user has 200 recent items (the default
 * history length). Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main BaselineRankerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BaselineRankerBenchmark {

    private static final Duration HALF_LIFE = Duration.ofDays(7);
    private static final long NOW = 1_700_000_000_000L;

    @Param({"10000"})
    public int catalogSize;

    private List<ItemState> items;
    private Catalog catalog;
    private UserState user;
    private List<String> candidates;
    private BaselineRanker ranker;

    @Setup
    public void createData() {
        Random random = new Random(7);
        items = new ArrayList<>(catalogSize);
        for (int i = 0; i < catalogSize; i++) {
            Map<String, Double> precededBy = new HashMap<>();
            while (precededBy.size() < 100) {
                precededBy.put(popularItem(random), 1.0 + random.nextInt(20));
            }
            double heat = 1000.0 / Math.pow(i + 1, 0.8);
            items.add(new ItemState(id(i), heat, NOW - random.nextInt(86_400_000), Map.of("view", 10L), NOW,
                    "Title " + i, List.of(), precededBy, 1));
        }
        catalog = Catalog.of(items, HALF_LIFE);

        List<RecentInteraction> recent = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            recent.add(new RecentInteraction("e" + n, popularItem(random), "view", NOW + n * 60_000L));
        }
        user = new UserState("bench-user", recent, Map.of("view", 200L), NOW, NOW, new float[0], null, 1);

        candidates = new ArrayList<>(500);
        for (int n = 0; n < 500; n++) {
            candidates.add(id(random.nextInt(catalogSize)));
        }
        ranker = new BaselineRanker(BaselineRankerConfig.defaults(), EventTypes.defaults());
    }

    @Benchmark
    public Ranking topTenOfCatalog() {
        return ranker.rank(RankRequest.topK(user, catalog, 10, Set.of()));
    }

    @Benchmark
    public Ranking rerankFiveHundred() {
        return ranker.rank(RankRequest.rerank(user, catalog, candidates, 500, Set.of()));
    }

    @Benchmark
    public Catalog buildCatalogSnapshot() {
        return Catalog.of(items, HALF_LIFE);
    }

    /** Picks items with a bias toward low indexes, which are the popular ones. */
    private String popularItem(Random random) {
        return id((int) (catalogSize * Math.pow(random.nextDouble(), 3)));
    }

    private static String id(int index) {
        return "item-" + index;
    }
}
