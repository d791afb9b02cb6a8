package io.github.servermanager.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides the order in which a rebalance tries servers, and so which healthy server ends
 * up in front. The seed shuffles; other selections put the client's own zone first or
 * give every client a different front without talking to the others.
 * <p>
 * A selection may also move the rebalance deadline: one whose choice changes in rounds
 * rebalances when its round changes rather than at a random point.
 *
 * @param <S> the server type
 */
@FunctionalInterface
public interface FrontSelection<S> {

	/**
	 * Returns the servers in the order a rebalance pings them; the first that answers
	 * goes in front. Servers left out are kept, after the ones returned.
	 * @param servers the current list, front first; must not be modified
	 * @return the candidates, in the order to try them
	 */
	List<S> order(List<S> servers);

	/**
	 * Returns the order in which a rebalance pings the servers and the aperture: how
	 * requests are shared among the first servers of that order that answer. By default
	 * the front takes every request, as in the seed.
	 * @param servers the current list, front first; must not be modified
	 * @return the order and the shares
	 */
	default Selection<S> select(List<S> servers) {
		return Selection.front(order(servers));
	}

	/**
	 * Returns whether the choice the last rebalance made no longer holds, for example
	 * because the client's place among its peers changed since: the manager's owner then
	 * rebalances without waiting for the deadline. Selections that spread such rebalances
	 * over time to stay within the connection budget answer {@code true} only once this
	 * client's turn came.
	 * @param servers the current list, front first; must not be modified
	 * @return {@code true} when a rebalance is due now
	 */
	default boolean outdated(List<S> servers) {
		return false;
	}

	/**
	 * Returns how long to wait for the next rebalance, given the delay the schedule drew.
	 * @param drawn the delay of the schedule
	 * @param baseInterval the interval without jitter that every client of the same
	 * cluster computes alike: {@code max(minReuse, clusterSize / (servers x rate))}
	 * @param servers how many servers the manager holds
	 * @return the delay to use; the schedule's by default
	 */
	default Duration rebalanceDelay(Duration drawn, Duration baseInterval, int servers) {
		return drawn;
	}

	/**
	 * Returns the seed's selection: a uniform shuffle, so that every server is equally
	 * likely to be in front.
	 * @param random the source of the shuffles
	 * @param <S> the server type
	 * @return the selection
	 */
	static <S> FrontSelection<S> random(RandomGenerator random) {
		Objects.requireNonNull(random, "random must not be null");
		return (servers) -> Shuffle.shuffledCopy(servers, random);
	}

}
