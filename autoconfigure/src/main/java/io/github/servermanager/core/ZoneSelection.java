package io.github.servermanager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Puts the client's own zone first: a rebalance tries the servers of the local zone, then
 * those of each zone in the failover order, then all the others.
 * <p>
 * The list keeps that order, so failures move the front within the zone first: when the
 * front fails the next local server takes over, and only when every local server has
 * failed does traffic cross to the next zone. The next rebalance pings the local zone
 * first again, so a client returns to its zone within one rebalance once a server there
 * answers. Within each zone another selection decides the order.
 *
 * @param <S> the server type
 */
public final class ZoneSelection<S> implements FrontSelection<S> {

	private final Function<? super S, @Nullable String> zoneOf;

	private final String localZone;

	private final List<String> failoverOrder;

	private final FrontSelection<S> withinZone;

	/**
	 * Creates a zone-first selection.
	 * @param zoneOf a server's zone, or {@code null} when it has none
	 * @param localZone this client's zone
	 * @param failoverOrder the zones to fail over to, nearest first; zones not listed
	 * come after them, in any order
	 * @param withinZone orders the servers of one zone
	 */
	public ZoneSelection(Function<? super S, @Nullable String> zoneOf, String localZone, List<String> failoverOrder,
			FrontSelection<S> withinZone) {
		this.zoneOf = Objects.requireNonNull(zoneOf, "zoneOf must not be null");
		this.localZone = normalized(Objects.requireNonNull(localZone, "localZone must not be null"));
		this.failoverOrder = failoverOrder.stream().map(ZoneSelection::normalized).toList();
		this.withinZone = Objects.requireNonNull(withinZone, "withinZone must not be null");
	}

	@Override
	public List<S> order(List<S> servers) {
		return select(servers).order();
	}

	/**
	 * Orders the local zone first, then the failover zones, then the rest, each by the
	 * selection within zones. The aperture is taken in the first zone that has servers,
	 * so a client spreads its requests over its own zone only.
	 */
	@Override
	public Selection<S> select(List<S> servers) {
		List<List<S>> groups = groups(servers);
		List<S> ordered = new ArrayList<>(servers.size());
		List<Double> shares = null;
		for (List<S> group : groups) {
			if (group.isEmpty()) {
				continue;
			}
			if (shares == null) {
				Selection<S> first = this.withinZone.select(group);
				ordered.addAll(first.order());
				shares = first.shares();
			}
			else {
				ordered.addAll(this.withinZone.order(group));
			}
		}
		return (shares != null) ? new Selection<>(ordered, shares) : Selection.front(ordered);
	}

	@Override
	public boolean outdated(List<S> servers) {
		for (List<S> group : groups(servers)) {
			if (!group.isEmpty()) {
				return this.withinZone.outdated(group);
			}
		}
		return false;
	}

	@Override
	public Duration rebalanceDelay(Duration drawn, Duration baseInterval, int servers) {
		return this.withinZone.rebalanceDelay(drawn, baseInterval, servers);
	}

	/**
	 * Returns this client's zone.
	 * @return the local zone, in lower case
	 */
	public String localZone() {
		return this.localZone;
	}

	/**
	 * Returns the selection that orders the servers within each zone.
	 * @return the selection within zones
	 */
	public FrontSelection<S> withinZone() {
		return this.withinZone;
	}

	/**
	 * Returns the zone of a server.
	 * @param server the server
	 * @return its zone in lower case, or {@code null} when it has none
	 */
	public @Nullable String zoneOf(S server) {
		String zone = this.zoneOf.apply(server);
		return (zone != null) ? normalized(zone) : null;
	}

	/**
	 * Returns whether a server is in this client's zone.
	 * @param server the server
	 * @return {@code true} when its zone is the local zone
	 */
	public boolean isLocal(S server) {
		return this.localZone.equals(zoneOf(server));
	}

	/** Group 0 is the local zone, then one group per failover zone, then the rest. */
	private List<List<S>> groups(List<S> servers) {
		List<List<S>> groups = new ArrayList<>(this.failoverOrder.size() + 2);
		for (int i = 0; i < this.failoverOrder.size() + 2; i++) {
			groups.add(new ArrayList<>());
		}
		for (S server : servers) {
			groups.get(groupOf(server)).add(server);
		}
		return groups;
	}

	private int groupOf(S server) {
		String zone = zoneOf(server);
		if (zone == null) {
			return this.failoverOrder.size() + 1;
		}
		if (zone.equals(this.localZone)) {
			return 0;
		}
		int index = this.failoverOrder.indexOf(zone);
		return (index >= 0) ? index + 1 : this.failoverOrder.size() + 1;
	}

	/** Zones compare without case, as Spring's zone preference compares them. */
	private static String normalized(String zone) {
		return zone.trim().toLowerCase(Locale.ROOT);
	}

}
