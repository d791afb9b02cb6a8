package io.github.servermanager.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Hears what a {@link ServerManager} does, for metrics and diagnostics. Callbacks run on
 * the thread that caused the event, after the new list is published, and must return
 * quickly. An exception thrown by a callback is logged and otherwise ignored.
 *
 * @param <S> the server type
 */
public interface ServerManagerListener<S> {

	/**
	 * A failure notice moved the front server to the end of the list.
	 * @param failed the server that was in front
	 * @param newFront the server now in front
	 */
	default void serverRotated(S failed, S newFront) {
	}

	/**
	 * A rebalance ended.
	 * @param result what it did
	 */
	default void rebalanced(RebalanceResult<S> result) {
	}

	/**
	 * Servers were added, replaced or removed.
	 * @param servers the list as now published, front first
	 * @param previousFront the server that was in front before the change, if any
	 */
	default void membershipChanged(List<S> servers, @Nullable S previousFront) {
	}

}
