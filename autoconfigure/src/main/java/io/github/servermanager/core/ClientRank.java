package io.github.servermanager.core;

/**
 * Where one client stands among the clients that share a set of servers, as all of them
 * see it alike (for example, its place among its application's instances in discovery,
 * sorted by id).
 *
 * @param index the client's place, from 0
 * @param clients how many clients there are, more than {@code index}
 */
public record ClientRank(int index, int clients) {

	public ClientRank {
		if (index < 0 || clients <= index) {
			throw new IllegalArgumentException(
					"index must be in [0, clients), but was " + index + " of " + clients + " clients");
		}
	}

}
