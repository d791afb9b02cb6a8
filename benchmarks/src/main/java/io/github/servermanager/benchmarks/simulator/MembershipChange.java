package io.github.servermanager.benchmarks.simulator;

import java.util.List;

/**
 * From {@code atNanos} on, the clients {@code fromClient} (inclusive) to {@code toClient}
 * (exclusive) see exactly {@code servers}, as a discovery refresh would report it.
 *
 * @param atNanos when the change happens, on the virtual clock
 * @param fromClient first client affected
 * @param toClient one past the last client affected
 * @param servers the membership those clients see from then on
 */
public record MembershipChange(long atNanos, int fromClient, int toClient, List<VirtualServer> servers) {

	public MembershipChange {
		if (fromClient < 0 || toClient < fromClient) {
			throw new IllegalArgumentException(
					"client range must satisfy 0 <= fromClient <= toClient, but was " + fromClient + ".." + toClient);
		}
		servers = List.copyOf(servers);
	}

	boolean covers(int client) {
		return client >= this.fromClient && client < this.toClient;
	}

}
