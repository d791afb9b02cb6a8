package io.github.servermanager.actuate;

import java.util.List;
import java.util.function.Supplier;

import io.github.servermanager.core.Aperture;
import io.github.servermanager.core.ServerManager;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * A manager's list and its aperture as they were published together, so that the servers
 * described, the front and the shares always agree.
 * <p>
 * The manager publishes both at once but hands them out one at a time: they are read
 * again until the aperture is the head of the list. A write lands between the two reads
 * only when membership, a rebalance or a failover changes the list at that instant, so a
 * second read practically always agrees; after a few that do not, the last pair is kept.
 * Reading never picks a server, so observing a service leaves the spread of its requests
 * as it is.
 *
 * @param servers the servers, front first
 * @param aperture the servers at the head that share the requests, with their shares
 */
record ListSnapshot(List<ServiceInstance> servers, Aperture<ServiceInstance> aperture) {

	/** How many pairs are read at most. */
	static final int ATTEMPTS = 8;

	/**
	 * Takes a snapshot of a manager.
	 * @param manager the manager
	 * @return its list and aperture
	 */
	static ListSnapshot of(ServerManager<ServiceInstance> manager) {
		return of(manager::servers, manager::aperture);
	}

	/**
	 * Takes a snapshot from two reads of what a manager published.
	 * @param servers reads the list
	 * @param aperture reads the aperture
	 * @return the first pair that agrees, or the last one read
	 */
	static ListSnapshot of(Supplier<List<ServiceInstance>> servers, Supplier<Aperture<ServiceInstance>> aperture) {
		List<ServiceInstance> list = servers.get();
		Aperture<ServiceInstance> head = aperture.get();
		for (int attempt = 1; attempt < ATTEMPTS && !isHeadOf(head, list); attempt++) {
			list = servers.get();
			head = aperture.get();
		}
		return new ListSnapshot(list, head);
	}

	/**
	 * Returns the server in front.
	 * @return the first server, {@code null} when there is none
	 */
	@Nullable ServiceInstance front() {
		return this.servers.isEmpty() ? null : this.servers.get(0);
	}

	/**
	 * The same servers, told apart by key as the manager tells them, in the same places.
	 */
	private static boolean isHeadOf(Aperture<ServiceInstance> aperture, List<ServiceInstance> servers) {
		List<ServiceInstance> members = aperture.servers();
		if (members.isEmpty() != servers.isEmpty() || members.size() > servers.size()) {
			return false;
		}
		for (int i = 0; i < members.size(); i++) {
			if (!ServiceInstanceKeys.keyOf(members.get(i)).equals(ServiceInstanceKeys.keyOf(servers.get(i)))) {
				return false;
			}
		}
		return true;
	}

}
