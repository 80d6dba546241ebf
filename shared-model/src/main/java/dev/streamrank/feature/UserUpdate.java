package dev.streamrank.feature;

import dev.streamrank.event.Interaction;
import dev.streamrank.state.UserState;
import java.util.List;

/**
 * The result of applying a batch of one user's events to that user's state.
 *
 * @param state      the new state, revision not yet incremented (the store does that on write)
 * @param applied    events that changed the state, each with the items that preceded it
 * @param duplicates events skipped because their event id was already in the state or earlier in
 *                   the same batch
 */
public record UserUpdate(UserState state, List<AppliedEvent> applied, List<Interaction> duplicates) {

    /**
     * An accepted event with its context in the user's sequence.
     *
     * @param event     the event
     * @param signal    its feedback signal, see {@link Signals#signal}
     * @param preceding item ids of the same user's positive interactions just before it, nearest
     *                  first, distinct, at most the co-occurrence window
     */
    public record AppliedEvent(Interaction event, double signal, List<String> preceding) {
    }
}
