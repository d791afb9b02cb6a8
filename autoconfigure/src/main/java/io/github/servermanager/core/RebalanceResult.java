package io.github.servermanager.core;

import org.jspecify.annotations.Nullable;

/**
 * What one rebalance did.
 *
 * @param outcome how it ended
 * @param chosen the server that answered and was put in front, or {@code null} when none
 * answered
 * @param pings how many pings were sent
 * @param <S> the server type
 */
public record RebalanceResult<S>(RebalanceOutcome outcome, @Nullable S chosen, int pings) {

}
