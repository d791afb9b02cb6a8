package io.github.servermanager.core;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link FrontSelection} chose at a rebalance: the order in which to try the
 * servers, and how the requests are shared among the first servers of that order (the
 * aperture).
 *
 * @param order the servers in the order a rebalance pings them
 * @param shares the share of requests of each of the first {@code shares.size()} servers
 * of the order, front first; positive, any scale (they are normalized)
 * @param <S> the server type
 */
public record Selection<S>(List<S> order, List<Double> shares) {

	private static final List<Double> FRONT_ONLY = List.of(1.0);

	public Selection {
		order = List.copyOf(Objects.requireNonNull(order, "order must not be null"));
		shares = List.copyOf(Objects.requireNonNull(shares, "shares must not be null"));
		if (shares.isEmpty()) {
			throw new IllegalArgumentException("shares must not be empty");
		}
		for (Double share : shares) {
			if (!(share > 0) || share.isInfinite()) {
				throw new IllegalArgumentException("shares must be positive and finite, but were " + shares);
			}
		}
	}

	/**
	 * Returns the seed's selection of an order: every request goes to the front.
	 * @param order the servers in the order to try them
	 * @param <S> the server type
	 * @return the selection
	 */
	public static <S> Selection<S> front(List<S> order) {
		return new Selection<>(order, FRONT_ONLY);
	}

}
