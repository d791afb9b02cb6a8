package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;

/**
 * A fleet spread over zones, and the outage of the first zone.
 * <p>
 * Every client sends one request per tick. The first zone's servers all stop at
 * {@code outageStart} and start again {@code outage} later; the run goes on for
 * {@code afterOutage} so that every client can return.
 *
 * @param zones how many zones, named a, b, c, ...
 * @param serversPerZone servers in each zone
 * @param clientsPerZone clients in each zone
 * @param tick time between two requests of one client
 * @param outageStart when the first zone stops; the time before it is the steady state
 * @param outage how long it stays down
 * @param afterOutage how long the run goes on after it is back
 * @param healthCheckInterval how often Spring's health-check supplier pings every
 * instance (its default is 25 s)
 */
public record ZoneScenario(int zones, int serversPerZone, int clientsPerZone, Duration tick, Duration outageStart,
		Duration outage, Duration afterOutage, Duration healthCheckInterval) {

	/**
	 * Returns the scenario of the benchmarks README: 3 zones of 3 servers and 10 clients
	 * each, one request per 100 ms, an hour and 37 s of steady state (so that the outage
	 * does not start on a boundary of the aperture's 2-minute rounds, where every
	 * aperture client rebalances), then zone a down for 5 minutes and 10 minutes to come
	 * back.
	 * @return the scenario
	 */
	public static ZoneScenario threeZones() {
		return new ZoneScenario(3, 3, 10, Duration.ofMillis(100), Duration.ofSeconds(3637), Duration.ofMinutes(5),
				Duration.ofMinutes(10), Duration.ofSeconds(25));
	}

	/**
	 * Returns the zone of a server or client by its index in the fleet.
	 * @param zoneIndex from 0
	 * @return the zone's name: a, b, c, ...
	 */
	static String zoneName(int zoneIndex) {
		return String.valueOf((char) ('a' + zoneIndex));
	}

	/**
	 * Returns the number of servers.
	 * @return servers in all zones
	 */
	public int servers() {
		return this.zones * this.serversPerZone;
	}

	/**
	 * Returns the number of clients.
	 * @return clients in all zones
	 */
	public int clients() {
		return this.zones * this.clientsPerZone;
	}

	/**
	 * Returns when the run ends.
	 * @return the time of the last tick
	 */
	public Duration end() {
		return this.outageStart.plus(this.outage).plus(this.afterOutage);
	}

}
