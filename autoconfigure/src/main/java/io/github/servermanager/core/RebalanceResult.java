package io.github.servermanager.core;

import org.jspecify.annotations.Nullable;

/**
 * What one rebalance did.
 *
 * @param outcome how it ended
 * @param chosen the server that answered, or {@code null} when none answered; it is in
 * front unless the outcome is {@link RebalanceOutcome#FROZEN}
 * @param pings how many pings were sent
 * @param <S> the server type
 */
public record RebalanceResult<S>(RebalanceOutcome outcome, @Nullable S chosen, int pings) {

}
