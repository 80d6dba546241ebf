package dev.streamrank.training.data;

import java.io.IOException;
import java.util.List;

/** A source of training interactions, returned in arrival order. */
public interface InteractionSource {

    /** Reads every interaction; {@link TimedItem#arrival()} numbers them in the order read. */
    List<TimedItem> read() throws IOException;

    /** Names the source for logs and the manifest, such as a directory or an S3 URI. */
    String describe();
}
